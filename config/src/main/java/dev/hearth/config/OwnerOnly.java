package dev.hearth.config;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Files and directories only their owner may use (directories 0700, files 0600): the one place that
 * creates them and the one check that refuses looser ones, for the secrets file and for everything in
 * the data directory. Permissions are set at creation (an attribute of the create call, so no moment
 * exists when the file is readable by others), not afterwards. On a file system without POSIX
 * permissions there is nothing to set or check.
 */
public final class OwnerOnly {
    private static final Set<PosixFilePermission> FORBIDDEN = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private OwnerOnly() {
    }

    /**
     * What is wrong with {@code path}'s permissions, or empty when only its owner may use it (or it
     * does not exist, or the file system has no POSIX permissions). The problem names the path and the
     * {@code chmod} that fixes it.
     */
    public static Optional<ConfigProblem> check(Path path) {
        PosixFileAttributeView posix = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (posix == null || !Files.exists(path)) return Optional.empty();
        try {
            Set<PosixFilePermission> perms = posix.readAttributes().permissions();
            if (perms.stream().noneMatch(FORBIDDEN::contains)) return Optional.empty();
            String mode = Files.isDirectory(path) ? "700" : "600";
            return Optional.of(new ConfigProblem(path.toString(), "is accessible by group or others ("
                    + PosixFilePermissions.toString(perms) + "); restrict it to its owner: chmod " + mode + " " + path));
        } catch (IOException e) {
            return Optional.of(new ConfigProblem(path.toString(), "cannot read its permissions: " + e.getMessage()));
        }
    }

    /** Creates {@code dir} and any missing parents as 0700; existing directories are left as they are. */
    public static Path createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return dir;
        return posix(dir) ? Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY))
                : Files.createDirectories(dir);
    }

    /** Creates the empty file {@code file} as 0600; fails if it exists. */
    public static Path createFile(Path file) throws IOException {
        return posix(file.toAbsolutePath().getParent()) ? Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE))
                : Files.createFile(file);
    }

    /** Creates {@code file} as 0600 unless it exists already (then leaves it, for {@link #check} to judge). */
    public static Path createFileIfMissing(Path file) throws IOException {
        try {
            return createFile(file);
        } catch (FileAlreadyExistsException exists) {
            return file;
        }
    }

    /** A temporary file in {@code dir}, 0600 (for a write-then-move). */
    public static Path createTempFile(Path dir, String prefix, String suffix) throws IOException {
        return posix(dir) ? Files.createTempFile(dir, prefix, suffix, PosixFilePermissions.asFileAttribute(FILE))
                : Files.createTempFile(dir, prefix, suffix);
    }

    /** Opens {@code file} for writing, creating it as 0600 if missing. */
    public static FileChannel openForWrite(Path file, StandardOpenOption... extra) throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        options.addAll(Set.of(extra));
        if (!posix(file.toAbsolutePath().getParent())) return FileChannel.open(file, options);
        FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(FILE);
        return FileChannel.open(file, options, attr);
    }

    /** Restricts an existing file that something else created (SQLite's -wal and -shm) to its owner. */
    public static void restrictFile(Path file) throws IOException {
        if (Files.exists(file) && Files.getFileAttributeView(file, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }

    private static boolean posix(Path existing) {
        Path p = existing;
        while (p != null && !Files.exists(p)) p = p.getParent();
        return p == null || Files.getFileAttributeView(p, PosixFileAttributeView.class) != null;
    }
}
