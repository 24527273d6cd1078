package dev.hearth.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS towards the broker (only with ssl:// or wss://). Paths are absolute once loaded and the files
 * existed at load time. Without a CA file the JVM's default trust store is used; a client certificate
 * needs both {@code certFile} and {@code keyFile}.
 */
public record TlsConfig(Optional<Path> caFile, Optional<Path> certFile, Optional<Path> keyFile) {
    public TlsConfig {
        Objects.requireNonNull(caFile, "caFile");
        Objects.requireNonNull(certFile, "certFile");
        Objects.requireNonNull(keyFile, "keyFile");
        if (certFile.isPresent() != keyFile.isPresent()) {
            throw new IllegalArgumentException("certFile and keyFile go together");
        }
    }
}
