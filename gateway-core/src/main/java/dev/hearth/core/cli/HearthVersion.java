package dev.hearth.core.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The version for {@code hearth --version}: the jar manifest's Implementation-Version, or, when run
 * from classes (tests, IDE), the Maven-filtered {@code version.properties} next to this class.
 */
public final class HearthVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"hearth " + version()};
    }

    public static String version() {
        return Optional.ofNullable(HearthVersion.class.getPackage().getImplementationVersion())
                .or(HearthVersion::fromResource)
                .orElse("unknown");
    }

    private static Optional<String> fromResource() {
        try (InputStream in = HearthVersion.class.getResourceAsStream("version.properties")) {
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
