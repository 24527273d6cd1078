package dev.hearth.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.core.access.AuditLog;
import dev.hearth.core.http.ApiToken;
import dev.hearth.core.privacy.rights.DataDirLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    @TempDir
    Path tmp;

    private static Map<String, String> modes(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.toList()) {
                out.put(dir.relativize(p).toString(), PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
            }
        }
        return out;
    }

    @Test
    void everythingTheGatewayCreatesInItsDataDirectoryIsOwnerOnly() throws Exception {
        Path data = DataDirectory.prepare(tmp.resolve("var/hearth"));
        try (DataDirLock lock = DataDirLock.tryAcquire(data).orElseThrow();
             Database db = Database.open(data.resolve("hearth.db"));
             AuditLog audit = new AuditLog(data, u -> "p-" + u)) {
            try (Statement s = db.connection().createStatement()) {
                s.execute("CREATE TABLE t (x TEXT)");
                s.execute("INSERT INTO t VALUES ('a')");
            }
            ApiToken.loadOrCreate(data, new SecureRandom());
            audit.rewrite(e -> true);
            assertThat(modes(data)).containsKeys("hearth.db", "hearth.db-wal", "hearth.db-shm", "api-token", "audit.log",
                    "gateway.lock");
            assertThat(modes(data)).allSatisfy((name, mode) ->
                    assertThat(mode).as(name).isEqualTo(name.isEmpty() ? "rwx------" : "rw-------"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("var"))))
                    .isEqualTo("rwx------");
            assertThat(DataDirectory.refusal(data)).isEmpty();
        }
    }

    @Test
    void aLooseFileInTheDataDirectoryRefusesTheStartWithTheChmodToRun() throws Exception {
        Path data = DataDirectory.prepare(tmp.resolve("data"));
        Path audit = Files.writeString(data.resolve("audit.log"), "{}\n");
        Files.setPosixFilePermissions(audit, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> DataDirectory.prepare(data)).isInstanceOf(IOException.class)
                .hasMessage("refusing to start: " + audit + ": is accessible by group or others (rw-r--r--);"
                        + " restrict it to its owner: chmod 600 " + audit);
    }

    @Test
    void aLooseDataDirectoryAndSeveralLooseFilesAreRefusedInOneLine() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String name : List.of("hearth.db", "hearth.db-wal")) {
            Files.setPosixFilePermissions(Files.createFile(data.resolve(name)), PosixFilePermissions.fromString("rw-r--r--"));
        }
        String refusal = DataDirectory.refusal(data).orElseThrow();
        assertThat(refusal).doesNotContain("\n").contains("chmod 700 " + data).contains("and 2 more")
                .contains("chmod -R go-rwx " + data);
        assertThat(DataDirectory.check(data)).hasSize(3);
    }

    @Test
    void theDatabaseRefusesToOpenAWorldReadableFile() throws Exception {
        Path db = Files.createFile(tmp.resolve("hearth.db"));
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> Database.open(db)).isInstanceOf(StorageException.class)
                .hasMessageContaining("chmod 600 " + db);
    }
}
