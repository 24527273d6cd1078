package dev.hearth.core.cloud.mqtt;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.paho.mqttv5.common.MqttException;

/** One-line, human explanations of why a connection failed or was lost (never a stack trace). */
final class LinkErrors {
    private LinkErrors() {
    }

    static String describe(Throwable t, String broker) {
        Throwable root = t;
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof CertPathBuilderException || c instanceof CertPathValidatorException || c instanceof CertificateException) {
                return "TLS: the certificate of " + broker + " is not trusted by the configured CA file (" + c.getMessage() + ")";
            }
            root = c;
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SSLHandshakeException) return "TLS handshake with " + broker + " failed: " + c.getMessage();
            if (c instanceof SSLException) return "TLS error with " + broker + ": " + c.getMessage();
            if (c instanceof ConnectException) return "cannot connect to " + broker + ": " + c.getMessage();
            if (c instanceof UnknownHostException) return "unknown broker host in " + broker;
        }
        if (t instanceof MqttException m) {
            String msg = m.getMessage() + " (reason " + m.getReasonCode() + ")";
            return root != t ? msg + ": " + root.getMessage() : msg;
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
