package dev.hearth.core.cloud.mqtt;

import dev.hearth.core.cloud.TlsSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** Builds the TLS socket factory for the broker connection from PEM files (BouncyCastle reads them). */
public final class TlsSocketFactories {
    private TlsSocketFactories() {
    }

    /** @throws IllegalArgumentException naming the file and what is wrong with it */
    public static SSLSocketFactory create(TlsSettings tls) {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            List<X509Certificate> cas = certificates(tls.caFile());
            if (cas.isEmpty()) throw new IllegalArgumentException("no certificate in CA file " + tls.caFile());
            for (int i = 0; i < cas.size(); i++) trust.setCertificateEntry("ca" + i, cas.get(i));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);

            KeyManagerFactory kmf = null;
            if (tls.clientCertificate().isPresent()) {
                List<X509Certificate> chain = certificates(tls.clientCertificate().get());
                if (chain.isEmpty()) throw new IllegalArgumentException("no certificate in " + tls.clientCertificate().get());
                PrivateKey key = privateKey(tls.clientKey().orElseThrow());
                char[] pass = new char[0];
                KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
                ks.load(null, null);
                ks.setKeyEntry("client", key, pass, chain.toArray(new X509Certificate[0]));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, pass);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot set up TLS from " + tls + ": " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        var out = new ArrayList<X509Certificate>();
        var converter = new JcaX509CertificateConverter();
        try (Reader r = Files.newBufferedReader(file); PEMParser p = new PEMParser(r)) {
            Object o;
            while ((o = p.readObject()) != null) {
                if (o instanceof X509CertificateHolder h) out.add(converter.getCertificate(h));
            }
        }
        return out;
    }

    private static PrivateKey privateKey(Path file) throws IOException {
        var converter = new JcaPEMKeyConverter();
        try (Reader r = Files.newBufferedReader(file); PEMParser p = new PEMParser(r)) {
            Object o = p.readObject();
            if (o instanceof PEMKeyPair pair) return converter.getPrivateKey(pair.getPrivateKeyInfo());
            if (o instanceof PrivateKeyInfo info) return converter.getPrivateKey(info);
            throw new IllegalArgumentException("no unencrypted PEM private key in " + file
                    + (o == null ? "" : " (found " + o.getClass().getSimpleName() + ")"));
        }
    }
}
