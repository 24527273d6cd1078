package dev.hearth.app.backup;

import dev.hearth.config.HearthConfig;
import dev.hearth.config.OwnerOnly;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;

/**
 * Writes a backup of a gateway's data directory into one owner-only zip file, while the gateway
 * runs: the database through SQLite's online backup API (a consistent snapshot even while the
 * gateway writes), the other data files, the secrets file and the configuration as they are, and a
 * manifest with the version and every store's schema version.
 */
public final class DataDirBackup {
    static final int FORMAT = 1;

    private final HearthConfig config;
    private final Path configFile;
    private final String version;

    public DataDirBackup(HearthConfig config, Path configFile, String version) {
        this.config = config;
        this.configFile = configFile;
        this.version = version;
    }

    /** What the backup holds: the schema version of every store, as the manifest records it. */
    public record Written(Path file, Map<String, Integer> schemas, int files) {
    }

    public Written writeTo(Path out) throws IOException, SQLException {
        Path dataDir = config.gateway().dataDir();
        Path db = dataDir.resolve(BackupEntries.DATABASE);
        if (!Files.isRegularFile(db)) throw new IOException("no database at " + db + ": nothing to back up");
        Path dir = out.toAbsolutePath().getParent();
        Path snapshot = OwnerOnly.createTempFile(dir, ".hearth-backup", ".db");
        Path archive = OwnerOnly.createTempFile(dir, ".hearth-backup", ".zip");
        try {
            copyDatabase(db, snapshot);
            Map<String, Integer> schemas = schemaVersions(snapshot);
            int files = 0;
            try (OutputStream o = Files.newOutputStream(archive); ZipOutputStream zip = new ZipOutputStream(o)) {
                zip.putNextEntry(new ZipEntry(BackupEntries.MANIFEST));
                manifest(schemas).store(zip, "hearth backup");
                zip.closeEntry();
                add(zip, BackupEntries.DATABASE, snapshot);
                add(zip, BackupEntries.CONFIG, configFile);
                Path secrets = config.gateway().secretsFile();
                if (Files.isRegularFile(secrets)) add(zip, BackupEntries.SECRETS, secrets);
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(dataDir)) {
                    for (Path p : entries) {
                        String name = p.getFileName().toString();
                        if (!Files.isRegularFile(p) || !BackupEntries.isDataFile(name) || p.equals(secrets)) continue;
                        add(zip, BackupEntries.DATA + name, p);
                        files++;
                    }
                }
            }
            Files.move(archive, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Written(out, schemas, files);
        } finally {
            Files.deleteIfExists(snapshot);
            Files.deleteIfExists(archive);
        }
    }

    /**
     * SQLite's online backup from a read-only connection of its own: it copies a consistent
     * snapshot while the gateway's storage thread goes on writing (WAL mode; a reader never blocks
     * the writer), and writes nothing into the live database.
     */
    private static void copyDatabase(Path db, Path snapshot) throws SQLException {
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        readOnly.setBusyTimeout(5000);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath(), readOnly.toProperties())) {
            c.unwrap(SQLiteConnection.class).getDatabase().backup("main", snapshot.toAbsolutePath().toString(), null);
        }
    }

    /** Every store's schema version in a database file (read-only). */
    static Map<String, Integer> schemaVersions(Path db) throws SQLException {
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        Map<String, Integer> versions = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath(), readOnly.toProperties());
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT component, version FROM schema_version")) {
            while (r.next()) versions.put(r.getString(1), r.getInt(2));
        }
        return versions;
    }

    private Properties manifest(Map<String, Integer> schemas) {
        Properties p = new Properties();
        p.setProperty("format", Integer.toString(FORMAT));
        p.setProperty("hearth.version", version);
        p.setProperty("home", config.home().id());
        p.setProperty("gateway", config.gateway().id());
        schemas.forEach((component, v) -> p.setProperty("schema." + component, Integer.toString(v)));
        return p;
    }

    private static void add(ZipOutputStream zip, String name, Path file) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        Files.copy(file, zip);
        zip.closeEntry();
    }
}
