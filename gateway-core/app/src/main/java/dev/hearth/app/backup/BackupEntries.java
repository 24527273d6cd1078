package dev.hearth.app.backup;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a backup archive may hold, and where each entry goes back to: the names are a closed set, so
 * a restore never writes a path an archive chose (no {@code ../}, no absolute path, no subdirectory).
 */
final class BackupEntries {
    static final String MANIFEST = "manifest.properties";
    static final String DATABASE = "hearth.db";
    static final String SECRETS = "secrets.yaml";
    static final String CONFIG = "config.yaml";
    /** Prefix of the data directory's other files: keys, tokens, the setup code, the audit log. */
    static final String DATA = "data/";
    /** At most this many entries and bytes in one archive (a home's database is a few MB). */
    static final int MAX_ENTRIES = 256;
    static final long MAX_BYTES = 1L << 30;

    private static final Pattern DATA_FILE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
    /** Files of the data directory that are not copied as files: the database (copied by SQLite), its lock. */
    private static final Set<String> NOT_DATA = Set.of(DATABASE, DATABASE + "-wal", DATABASE + "-shm", DATABASE + "-journal",
            "gateway.lock");

    private BackupEntries() {
    }

    /** True for a data-directory file that a backup copies as it is. */
    static boolean isDataFile(String name) {
        return DATA_FILE.matcher(name).matches() && !NOT_DATA.contains(name);
    }

    /**
     * Where entry {@code name} is restored, or empty when no backup this build writes has such an
     * entry (the restore then refuses the archive).
     */
    static Optional<Path> target(String name, Path dataDir, Path secretsFile, Path configCopy) {
        return switch (name) {
            case DATABASE -> Optional.of(dataDir.resolve(DATABASE));
            case SECRETS -> Optional.of(secretsFile);
            case CONFIG -> Optional.of(configCopy);
            default -> name.startsWith(DATA) && isDataFile(name.substring(DATA.length())) && !name.substring(DATA.length()).equals(secretsFile.getFileName().toString())
                    ? Optional.of(dataDir.resolve(name.substring(DATA.length())))
                    : Optional.empty();
        };
    }
}
