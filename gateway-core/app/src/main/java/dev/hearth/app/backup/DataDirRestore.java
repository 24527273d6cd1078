package dev.hearth.app.backup;

import dev.hearth.config.HearthConfig;
import dev.hearth.config.OwnerOnly;
import dev.hearth.core.privacy.rights.DataDirLock;
import dev.hearth.core.storage.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.sqlite.SQLiteConfig;

/**
 * Puts a backup back into a gateway's data directory, only while no gateway runs on it (the
 * data-directory lock). Everything is checked before anything is replaced: every entry's name is one
 * a backup writes, sizes are bounded, the database passes SQLite's integrity check, and no store's
 * schema is newer than this build knows (a newer build's database would be misread, so it is
 * refused). Restored files are owner-only; the commands run as the data directory's owner.
 */
public final class DataDirRestore {
    /** Why a restore was refused, in words for the user; nothing was changed. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    private final HearthConfig config;
    private final Path configCopy;
    private final Map<String, Integer> known = new LinkedHashMap<>();

    /** {@code configCopy}: where the backed-up configuration is written (never over the live one). */
    public DataDirRestore(HearthConfig config, Path configCopy, Collection<Schema> schemas) {
        this.config = config;
        this.configCopy = configCopy;
        schemas.forEach(s -> known.put(s.component(), s.migrations().size()));
    }

    /** The restored entries' names. */
    public List<String> restore(Path archive) throws IOException, SQLException, Refused {
        Path dataDir = config.gateway().dataDir();
        OwnerOnly.createDirectories(dataDir);
        Optional<DataDirLock> lock = DataDirLock.tryAcquire(dataDir);
        if (lock.isEmpty()) throw new Refused("a gateway is running on " + dataDir + ": stop it first (systemctl stop hearth)");
        try (DataDirLock held = lock.get()) {
            Path staging = Files.createTempDirectory(dataDir, ".restore");
            try {
                Map<String, Path> staged = unpack(archive, dataDir, staging);
                check(staged);
                return install(staged, dataDir);
            } finally {
                try (var left = Files.list(staging)) {
                    for (Path p : left.toList()) Files.deleteIfExists(p);
                }
                Files.deleteIfExists(staging);
            }
        }
    }

    private Map<String, Path> unpack(Path archive, Path dataDir, Path staging) throws IOException, Refused {
        Map<String, Path> staged = new LinkedHashMap<>();
        long total = 0;
        try (InputStream in = Files.newInputStream(archive); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                String name = e.getName();
                if (!name.equals(BackupEntries.MANIFEST)
                        && BackupEntries.target(name, dataDir, config.gateway().secretsFile(), configCopy).isEmpty()) {
                    throw new Refused("not a hearth backup: unexpected entry " + name);
                }
                if (staged.containsKey(name)) throw new Refused("not a hearth backup: entry " + name + " appears twice");
                if (staged.size() >= BackupEntries.MAX_ENTRIES) throw new Refused("not a hearth backup: more than " + BackupEntries.MAX_ENTRIES + " entries");
                Path file = OwnerOnly.createTempFile(staging, "entry", ".tmp");
                try (OutputStream out = Files.newOutputStream(file)) {
                    byte[] buf = new byte[64 * 1024];
                    for (int n; (n = zip.read(buf)) > 0; ) {
                        total += n;
                        if (total > BackupEntries.MAX_BYTES) throw new Refused("the backup unpacks to more than " + BackupEntries.MAX_BYTES + " bytes");
                        out.write(buf, 0, n);
                    }
                }
                staged.put(name, file);
            }
        } catch (java.util.zip.ZipException e) {
            throw new Refused("not a hearth backup: " + e.getMessage());
        }
        for (String required : List.of(BackupEntries.MANIFEST, BackupEntries.DATABASE)) {
            if (!staged.containsKey(required)) throw new Refused("not a hearth backup: no " + required);
        }
        return staged;
    }

    private void check(Map<String, Path> staged) throws IOException, SQLException, Refused {
        Properties manifest = new Properties();
        try (InputStream in = Files.newInputStream(staged.get(BackupEntries.MANIFEST))) {
            manifest.load(in);
        }
        if (!Integer.toString(DataDirBackup.FORMAT).equals(manifest.getProperty("format"))) {
            throw new Refused("backup format " + manifest.getProperty("format") + " is not one this build reads ("
                    + DataDirBackup.FORMAT + "); it was written by hearth " + manifest.getProperty("hearth.version"));
        }
        Path db = staged.get(BackupEntries.DATABASE);
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath(), readOnly.toProperties());
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
            String result = r.next() ? r.getString(1) : "no answer";
            if (!"ok".equals(result)) throw new Refused("the backup's database is damaged: " + result);
        } catch (SQLException e) {
            throw new Refused("the backup's database cannot be read: " + e.getMessage());
        }
        List<String> newer = new ArrayList<>();
        DataDirBackup.schemaVersions(db).forEach((component, version) -> {
            Integer mine = known.get(component);
            if (mine == null || version > mine) {
                newer.add(component + " " + version + " (this build: " + (mine == null ? "none" : mine) + ")");
            }
        });
        if (!newer.isEmpty()) {
            throw new Refused("the backup comes from a newer hearth (" + manifest.getProperty("hearth.version")
                    + "); its schemas are newer than this build's: " + String.join(", ", newer) + ". Upgrade hearth first.");
        }
    }

    private List<String> install(Map<String, Path> staged, Path dataDir) throws IOException {
        // the old database's write-ahead log would be replayed onto the restored file: it goes first
        for (String suffix : List.of("-wal", "-shm", "-journal")) Files.deleteIfExists(dataDir.resolve(BackupEntries.DATABASE + suffix));
        List<String> restored = new ArrayList<>();
        for (Map.Entry<String, Path> e : staged.entrySet()) {
            if (e.getKey().equals(BackupEntries.MANIFEST)) continue;
            Path target = BackupEntries.target(e.getKey(), dataDir, config.gateway().secretsFile(), configCopy).orElseThrow();
            Path tmp = OwnerOnly.createTempFile(target.toAbsolutePath().getParent(), ".restore", ".tmp");
            Files.move(e.getValue(), tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            restored.add(e.getKey());
        }
        return restored;
    }
}
