package dev.hearth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.config.OwnerOnly;
import dev.hearth.core.GatewaySchemas;
import dev.hearth.core.home.HomeBook;
import dev.hearth.core.privacy.rights.DataDirLock;
import dev.hearth.core.storage.Database;
import dev.hearth.core.storage.Schema;
import dev.hearth.testkit.Conditions;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hearth backup} / {@code hearth restore} on real SQLite files, the backup taken while the database is written. */
class BackupRestoreIT {
    @TempDir
    Path dir;

    private Path config;
    private Path data;
    private final byte[] homeKey = new byte[32];

    private record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void aGatewayConfigurationWithKeysAndSecrets() throws Exception {
        data = dir.resolve("data");
        config = dir.resolve("hearth.yaml");
        Files.writeString(config, "home: { id: home-1, owner: u1 }\ngateway: { id: gw-1, dataDir: ./data }\n");
        OwnerOnly.createDirectories(data);
        new SecureRandom().nextBytes(homeKey);
        Files.write(OwnerOnly.createFile(data.resolve("home.key")), homeKey);
        Files.writeString(OwnerOnly.createFile(data.resolve("secrets.yaml")), "devices: { lamp-1: \"00112233445566778899aabbccddeeff\" }\n");
    }

    @Test
    void aBackupTakenWhileTheGatewayWritesRestoresAfterAPurgeToAConsistentDatabaseWithTheSameKeysAndSecrets() throws Exception {
        Path backup = dir.resolve("backup.zip");
        AtomicInteger pairs = new AtomicInteger();
        Run made;
        try (Database db = GatewaySchemas.open(data.resolve("hearth.db"));
                DataDirLock running = DataDirLock.tryAcquire(data).orElseThrow()) {
            HomeBook.open(db, "home-1", "u1");
            AtomicBoolean stop = new AtomicBoolean();
            // the storage thread writes two rows per transaction: a consistent copy holds an even number
            Thread writer = new Thread(() -> {
                while (!stop.get()) {
                    int n = pairs.incrementAndGet();
                    db.write("consent", c -> {
                        for (int i = 0; i < 2; i++) {
                            try (PreparedStatement p = c.prepareStatement(
                                    "INSERT INTO consent_history (at_ms, actor, subject, kind) VALUES (?, 'u1', ?, 'pair')")) {
                                p.setLong(1, n);
                                p.setString(2, "pair-" + n);
                                p.executeUpdate();
                            }
                        }
                        return null;
                    });
                }
            });
            writer.start();
            Conditions.await("200 transactions written", Duration.ofSeconds(60), () -> pairs.get() > 200);
            made = hearth("backup", "--config", config.toString(), backup.toString());
            int pairsWhenBackedUp = pairs.get();
            stop.set(true);
            writer.join();
            assertThat(pairsWhenBackedUp).isGreaterThan(200);
        }
        assertThat(made.exit()).as(made.err()).isZero();
        assertThat(made.out()).contains("backup written to " + backup);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup))).isEqualTo("rw-------");

        deleteTree(data); // purge
        Run restored = hearth("restore", "--config", config.toString(), backup.toString());

        assertThat(restored.exit()).as(restored.err()).isZero();
        List<Long> rows = ints(data.resolve("hearth.db"), "SELECT at_ms FROM consent_history ORDER BY seq");
        assertThat(rows).hasSizeGreaterThan(200);
        assertThat(rows.size() % 2).as("whole transactions only").isZero();
        for (int i = 0; i < rows.size(); i += 2) assertThat(rows.get(i)).isEqualTo(rows.get(i + 1));
        assertThat(ints(data.resolve("hearth.db"), "SELECT count(*) FROM home")).containsExactly(1L);
        assertThat(Files.readAllBytes(data.resolve("home.key"))).isEqualTo(homeKey);
        assertThat(Files.readString(data.resolve("secrets.yaml"))).contains("lamp-1");
        for (String f : List.of("hearth.db", "home.key", "secrets.yaml")) {
            assertThat(OwnerOnly.check(data.resolve(f))).as(f + " owner-only").isEmpty();
        }
        assertThat(Files.readString(dir.resolve("hearth.yaml.from-backup"))).isEqualTo(Files.readString(config));
        // the restored directory opens as a gateway's database again
        try (Database db = GatewaySchemas.open(data.resolve("hearth.db"))) {
            assertThat(db.version("consent")).isEqualTo(dev.hearth.core.privacy.ConsentStore.SCHEMA.migrations().size());
        }
    }

    @Test
    void aRestoreIsRefusedWhileAGatewayRunsOnTheDataDirectoryAndChangesNothing() throws Exception {
        Path backup = dir.resolve("backup.zip");
        try (Database db = GatewaySchemas.open(data.resolve("hearth.db"))) {
            HomeBook.open(db, "home-1", "u1");
        }
        assertThat(hearth("backup", "--config", config.toString(), backup.toString()).exit()).isZero();
        Files.write(data.resolve("home.key"), new byte[32]);
        try (DataDirLock running = DataDirLock.tryAcquire(data).orElseThrow()) {
            Run r = hearth("restore", "--config", config.toString(), backup.toString());
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).contains("a gateway is running on " + data, "stop it first");
        }
        assertThat(Files.readAllBytes(data.resolve("home.key"))).isEqualTo(new byte[32]);
    }

    @Test
    void aBackupFromANewerSchemaIsRefusedAndChangesNothing() throws Exception {
        Path backup = dir.resolve("backup.zip");
        List<Schema> newer = new ArrayList<>(GatewaySchemas.ALL);
        newer.add(new Schema("a-later-store", List.of(List.of("CREATE TABLE later (id INTEGER PRIMARY KEY)"))));
        try (Database db = Database.open(data.resolve("hearth.db"), newer)) {
            HomeBook.open(db, "home-1", "u1");
        }
        assertThat(hearth("backup", "--config", config.toString(), backup.toString()).exit()).isZero();
        deleteTree(data);

        Run r = hearth("restore", "--config", config.toString(), backup.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("newer", "a-later-store 1 (this build: none)", "Upgrade hearth first");
        assertThat(data.resolve("hearth.db")).doesNotExist();
        assertThat(data.resolve("home.key")).doesNotExist();
    }

    @Test
    void anArchiveWithAPathOfItsOwnChoosingIsRefused() throws Exception {
        Path evil = dir.resolve("evil.zip");
        try (OutputStream o = Files.newOutputStream(evil); ZipOutputStream zip = new ZipOutputStream(o)) {
            zip.putNextEntry(new ZipEntry("manifest.properties"));
            zip.write("format=1\n".getBytes());
            zip.putNextEntry(new ZipEntry("data/../../escaped"));
            zip.write("x".getBytes());
        }
        Run r = hearth("restore", "--config", config.toString(), evil.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("not a hearth backup: unexpected entry data/../../escaped");
        assertThat(dir.getParent().resolve("escaped")).doesNotExist();
    }

    @Test
    void backupAndRestoreExplainThemselvesAndTheirExitCodes() {
        for (String command : List.of("backup", "restore")) {
            Run r = hearth(command, "--help");
            assertThat(r.exit()).isZero();
            assertThat(r.out()).contains("Exit codes:", "--config=FILE", "2   ");
        }
    }

    private static Run hearth(String... args) {
        var cli = HearthCli.commandLine(new HearthCli(Map.of()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static List<Long> ints(Path db, String sql) throws Exception {
        List<Long> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            while (r.next()) values.add(r.getLong(1));
        }
        return values;
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) Files.delete(p);
        }
    }
}
