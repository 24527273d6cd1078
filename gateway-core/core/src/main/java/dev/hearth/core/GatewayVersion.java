package dev.hearth.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Properties;

/**
 * The gateway's version (sent in its status to the cloud, shown by {@code hearth --version}): the core
 * jar manifest's Implementation-Version, or, when run from classes (tests, IDE), the Maven-filtered
 * {@code version.properties} next to this class.
 */
public final class GatewayVersion {
    private GatewayVersion() {
    }

    public static String version() {
        return Optional.ofNullable(GatewayVersion.class.getPackage().getImplementationVersion())
                .or(GatewayVersion::fromResource)
                .orElse("unknown");
    }

    private static Optional<String> fromResource() {
        try (InputStream in = GatewayVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) return Optional.empty();
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "");
            return v.isBlank() || v.startsWith("${") ? Optional.empty() : Optional.of(v);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
