package dev.hearth.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyTest {

    @TempDir
    Path dir;

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void createsDirectoriesAndFilesThatOnlyTheOwnerMayUseWhateverTheUmask() throws Exception {
        Path nested = OwnerOnly.createDirectories(dir.resolve("a/b"));
        Path file = OwnerOnly.createFile(nested.resolve("f"));
        Path tmp = OwnerOnly.createTempFile(nested, ".x", ".tmp");
        try (FileChannel ch = OwnerOnly.openForWrite(nested.resolve("lock"))) {
            assertThat(ch.isOpen()).isTrue();
        }
        assertThat(mode(dir.resolve("a"))).isEqualTo("rwx------");
        assertThat(mode(nested)).isEqualTo("rwx------");
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(mode(tmp)).isEqualTo("rw-------");
        assertThat(mode(nested.resolve("lock"))).isEqualTo("rw-------");
        assertThat(OwnerOnly.check(file)).isEmpty();
        assertThat(OwnerOnly.check(nested)).isEmpty();
    }

    @Test
    void aLooseFileOrDirectoryIsAProblemNamingThePathAndTheChmodToRun() throws Exception {
        Path file = Files.createFile(dir.resolve("audit.log"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(OwnerOnly.check(file)).get().hasToString(file + ": is accessible by group or others (rw-r--r--);"
                + " restrict it to its owner: chmod 600 " + file);
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Files.setPosixFilePermissions(sub, PosixFilePermissions.fromString("rwxr-x---"));
        assertThat(OwnerOnly.check(sub)).get().extracting(ConfigProblem::message).asString().endsWith("chmod 700 " + sub);
    }

    @Test
    void anExistingFileIsLeftForTheCheckToJudge() throws Exception {
        Path file = Files.createFile(dir.resolve("hearth.db"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        OwnerOnly.createFileIfMissing(file);
        assertThat(mode(file)).isEqualTo("rw-rw-rw-");
        assertThat(OwnerOnly.check(file)).isPresent();
        assertThat(OwnerOnly.check(dir.resolve("missing"))).isEmpty();
    }
}
