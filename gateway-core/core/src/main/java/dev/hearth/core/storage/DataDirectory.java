package dev.hearth.core.storage;

import dev.hearth.config.ConfigProblem;
import dev.hearth.config.OwnerOnly;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The gateway's data directory (DESIGN.md section 8): created 0700, and refused at start when it or
 * anything in it (the database and its -wal/-shm files, audit.log, home.key, api-token, the lock) is
 * readable or writable by group or others, with the {@code chmod} that fixes it. The same check as
 * for the secrets file ({@link OwnerOnly}). Files are created owner-only where they are created.
 */
public final class DataDirectory {
    /** How deep and how many entries are checked: the directory holds a handful of files. */
    private static final int MAX_DEPTH = 4;
    private static final int MAX_ENTRIES = 10_000;

    private DataDirectory() {
    }

    /**
     * Creates {@code dir} (0700) if missing, then checks it and everything in it.
     *
     * @throws IOException naming the first loose path and the {@code chmod} to run (one line)
     */
    public static Path prepare(Path dir) throws IOException {
        OwnerOnly.createDirectories(dir);
        Optional<String> refusal = refusal(dir);
        if (refusal.isPresent()) throw new IOException(refusal.get());
        return dir;
    }

    /** Why the gateway must not start on {@code dir}, in one line; empty when everything is owner-only. */
    public static Optional<String> refusal(Path dir) throws IOException {
        List<ConfigProblem> loose = check(dir);
        if (loose.isEmpty()) return Optional.empty();
        String first = "refusing to start: " + loose.get(0);
        if (loose.size() == 1) return Optional.of(first);
        return Optional.of(first + "; and " + (loose.size() - 1) + " more in " + dir
                + " (chmod -R go-rwx " + dir + " fixes all)");
    }

    /** Every path under {@code dir} (itself included) that group or others may use. */
    public static List<ConfigProblem> check(Path dir) throws IOException {
        List<ConfigProblem> out = new ArrayList<>();
        if (!Files.exists(dir)) return out;
        try (Stream<Path> paths = Files.walk(dir, MAX_DEPTH)) {
            paths.limit(MAX_ENTRIES).forEach(p -> OwnerOnly.check(p).ifPresent(out::add));
        }
        return out;
    }
}
