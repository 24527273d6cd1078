package dev.hearth.core.cloud;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS to the broker: the CA that signs the broker's certificate (PEM), and optionally a client
 * certificate chain and its private key (PEM, PKCS#8 or PKCS#1/SEC1) for mutual TLS.
 */
public record TlsSettings(Path caFile, Optional<Path> clientCertificate, Optional<Path> clientKey) {
    public TlsSettings {
        Objects.requireNonNull(caFile, "caFile");
        Objects.requireNonNull(clientCertificate, "clientCertificate");
        Objects.requireNonNull(clientKey, "clientKey");
        if (clientCertificate.isPresent() != clientKey.isPresent()) {
            throw new IllegalArgumentException("a client certificate needs its key, and a key its certificate");
        }
    }

    public static TlsSettings trusting(Path caFile) {
        return new TlsSettings(caFile, Optional.empty(), Optional.empty());
    }
}
