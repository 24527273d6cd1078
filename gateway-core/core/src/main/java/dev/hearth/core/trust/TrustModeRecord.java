package dev.hearth.core.trust;

import dev.hearth.config.OwnerOnly;
import dev.hearth.config.TrustMode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

/**
 * Which {@code home.trust} a home runs with when its configuration names none (DESIGN.md section 6).
 * The data directory records the mode in {@value #FILE_NAME} at the first start that knows it: a
 * new home (no database yet) gets USERS; a home whose database predates the setting keeps CLOUD,
 * so an existing deployment keeps working after an upgrade. A mode the configuration names wins
 * and is recorded, so taking the line out later keeps what the home last ran with. A record that
 * holds anything else refuses the start ({@link IOException}), never a guess.
 */
public final class TrustModeRecord {
    public static final String FILE_NAME = "trust-mode";
    /** The gateway's database: its presence says the home existed before the record did. */
    static final String DATABASE = "hearth.db";
    private static final int MAX_BYTES = 64;

    /** Where the mode came from. */
    public enum Origin {
        /** {@code home.trust} names it. */
        CONFIG,
        /** The data directory recorded it at an earlier start. */
        RECORDED,
        /** No database and no record: a new home. */
        NEW_HOME,
        /** A database from before the setting existed, and no record. */
        EXISTING_HOME
    }

    /** The mode, where it came from, and what the data directory recorded before (if anything). */
    public record Resolution(TrustMode mode, Origin origin, Optional<TrustMode> recorded) {
        public Resolution {
            java.util.Objects.requireNonNull(mode, "mode");
            java.util.Objects.requireNonNull(origin, "origin");
            java.util.Objects.requireNonNull(recorded, "recorded");
        }

        /** One line for {@code hearth config check} and the start log. */
        public String explain(Path dataDir) {
            String m = name(mode);
            return switch (origin) {
                case CONFIG -> recorded.filter(r -> r != mode).map(r -> "home.trust: " + m + " (named in the file; the data directory "
                        + dataDir + " ran with " + name(r) + " until now and will record " + m + ")")
                        .orElse("home.trust: " + m + " (named in the file)");
                case RECORDED -> "home.trust: " + m + " (not named in the file; the data directory " + dataDir + " records " + m
                        + (mode == TrustMode.CLOUD ? "; name home.trust: users to move to users' own keys)" : ")");
                case NEW_HOME -> "home.trust: users (not named in the file; " + dataDir + " holds no home yet, and a new home"
                        + " starts with users' own keys; name home.trust: cloud to keep the cloud's key authorising)";
                case EXISTING_HOME -> "home.trust: cloud (not named in the file; the home in " + dataDir + " was made before"
                        + " home.trust existed and keeps the cloud's key authorising; name home.trust: users to move to users' own keys)";
            };
        }
    }

    private TrustModeRecord() {
    }

    /** The mode the gateway would run with, reading the data directory only (for {@code config check}). */
    public static Resolution resolve(Optional<TrustMode> configured, Path dataDir) throws IOException {
        if (configured.isPresent()) {
            Optional<TrustMode> recorded;
            try {
                recorded = read(dataDir.resolve(FILE_NAME));
            } catch (IOException unreadable) {
                recorded = Optional.empty(); // the named mode replaces what the file held
            }
            return new Resolution(configured.get(), Origin.CONFIG, recorded);
        }
        Optional<TrustMode> recorded = read(dataDir.resolve(FILE_NAME));
        if (recorded.isPresent()) return new Resolution(recorded.get(), Origin.RECORDED, recorded);
        return Files.exists(dataDir.resolve(DATABASE))
                ? new Resolution(TrustMode.CLOUD, Origin.EXISTING_HOME, recorded)
                : new Resolution(TrustMode.USERS, Origin.NEW_HOME, recorded);
    }

    /** As {@link #resolve}, then records the mode in the data directory (owner-only) if it changed. Call before the database opens. */
    public static Resolution settle(Optional<TrustMode> configured, Path dataDir) throws IOException {
        Resolution r = resolve(configured, dataDir);
        if (r.recorded().filter(m -> m == r.mode()).isEmpty()) {
            Path tmp = OwnerOnly.createTempFile(dataDir, FILE_NAME, ".tmp");
            try {
                Files.writeString(tmp, name(r.mode()) + "\n", StandardCharsets.US_ASCII);
                Files.move(tmp, dataDir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return r;
    }

    private static Optional<TrustMode> read(Path file) throws IOException {
        if (!Files.exists(file)) return Optional.empty();
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        }
        String text = new String(bytes, StandardCharsets.US_ASCII).strip();
        for (TrustMode m : TrustMode.values()) {
            if (bytes.length <= MAX_BYTES && name(m).equals(text)) return Optional.of(m);
        }
        throw new IOException(file + " holds neither \"users\" nor \"cloud\": name home.trust in the configuration, or repair the file");
    }

    private static String name(TrustMode m) {
        return m.name().toLowerCase(Locale.ROOT);
    }
}
