package dev.hearth.core.cloud.mqtt;

import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Connecting and subscribing again when a broker drops the connection during that setup.
 *
 * <p>Moquette 0.18.3 (the demo's embedded broker) marks a connection usable only in the listener
 * of its CONNACK write and, under load, drops a SUBSCRIBE that arrives first ("SUBSCRIBE received
 * on already closed connection"). The session is new and empty (clean start), so a second attempt
 * is safe. Only a lost connection is retried: a broker that refuses for a reason (authorisation, a
 * bad topic, a timeout) fails the first time with its own code.
 */
public final class SetupRetry {
    /** A connect-and-subscribe step that closes its own client when it fails. */
    @FunctionalInterface
    public interface Setup<T> {
        T attempt() throws MqttException;
    }

    private static final int ATTEMPTS = 3;

    private SetupRetry() {
    }

    public static <T> T onLostConnection(Setup<T> setup) throws MqttException {
        for (int attempt = 1; ; attempt++) {
            try {
                return setup.attempt();
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttClientException.REASON_CODE_CONNECTION_LOST || attempt == ATTEMPTS) throw e;
            }
        }
    }
}
