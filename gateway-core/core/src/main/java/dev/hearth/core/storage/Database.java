package dev.hearth.core.storage;

import dev.hearth.config.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.sqlite.SQLiteConfig;

/**
 * The gateway's one SQLite database (DESIGN.md section 8): WAL mode, and a schema version per
 * component so each store (registry, shares, consent, outbox) migrates its own tables.
 *
 * <p>One connection, shared: SQLite serialises writers anyway, and the stores are small. Callers
 * synchronise on {@link #connection()} for multi-statement transactions.
 */
public final class Database implements AutoCloseable {
    private final Path file;
    private final Connection connection;
    private final StorageHealth health = new StorageHealth(java.time.Clock.systemUTC());

    private Database(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Where the stores of this database report failed and succeeded writes; /readyz reads it. */
    public StorageHealth health() {
        return health;
    }

    /** Opens (creating if needed) the database file, in WAL mode with {@code synchronous=NORMAL}. */
    public static Database open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) OwnerOnly.createDirectories(parent);
            // SQLite creates its -wal and -shm files with the database file's mode: an owner-only
            // database made here gives owner-only companions, whatever the umask
            OwnerOnly.createFileIfMissing(file);
            refuseIfLoose(file);
            SQLiteConfig config = new SQLiteConfig();
            // Nothing reads generated keys; with them on, sqlite-jdbc runs a regex and a SELECT after
            // every INSERT (measured: ~18% of the gateway's CPU with telemetry saturating the outbox).
            config.setGetGeneratedKeys(false);
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), config.toProperties());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                // NORMAL in WAL mode: a commit survives a process crash (kill -9); only a power
                // loss can lose the last transactions. No fsync per commit.
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("PRAGMA foreign_keys=ON");
                s.execute("PRAGMA busy_timeout=5000");
                s.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                        + "component TEXT PRIMARY KEY, version INTEGER NOT NULL)");
            }
            try {
                for (String suffix : List.of("-wal", "-shm")) {
                    Path companion = file.resolveSibling(file.getFileName() + suffix);
                    OwnerOnly.restrictFile(companion);
                    refuseIfLoose(companion);
                }
            } catch (IOException | StorageException e) {
                c.close();
                throw e;
            }
            return new Database(file, c);
        } catch (SQLException e) {
            throw new StorageException("cannot open database " + file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the database " + file + ": " + e.getMessage(), e);
        }
    }

    private static void refuseIfLoose(Path file) {
        OwnerOnly.check(file).ifPresent(p -> {
            throw new StorageException("refusing to open the database: " + p, null);
        });
    }

    /**
     * Brings {@code component}'s tables up to date: runs, in one transaction each, the
     * statements of every migration after the recorded version. Migration {@code i} (0-based)
     * takes the component to version {@code i + 1}. Never edit a released migration; append one.
     */
    public synchronized void migrate(String component, List<List<String>> migrations) {
        try {
            int current = version(component);
            for (int v = current; v < migrations.size(); v++) {
                boolean auto = connection.getAutoCommit();
                connection.setAutoCommit(false);
                try (Statement s = connection.createStatement()) {
                    for (String sql : migrations.get(v)) {
                        s.execute(sql);
                    }
                    try (PreparedStatement p = connection.prepareStatement(
                            "INSERT INTO schema_version(component, version) VALUES (?, ?) "
                                    + "ON CONFLICT(component) DO UPDATE SET version = excluded.version")) {
                        p.setString(1, component);
                        p.setInt(2, v + 1);
                        p.executeUpdate();
                    }
                    connection.commit();
                } catch (SQLException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(auto);
                }
            }
        } catch (SQLException e) {
            throw new StorageException("cannot migrate " + component + " in " + file + ": " + e.getMessage(), e);
        }
    }

    /** The schema version of {@code component}, 0 when it has no tables yet. */
    public synchronized int version(String component) {
        try (PreparedStatement p = connection.prepareStatement("SELECT version FROM schema_version WHERE component = ?")) {
            p.setString(1, component);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getInt(1) : 0;
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read schema version: " + e.getMessage(), e);
        }
    }

    /**
     * Ends a transaction that failed, whatever state it left: SQLite may have rolled it back itself
     * (on SQLITE_FULL or SQLITE_IOERR), and then sqlite-jdbc's rollback and its return to
     * auto-commit (a "commit") both fail and leave the shared connection believing a transaction is
     * open, so every later write of every store fails with "no transaction is active". Call it under
     * the connection's lock; the connection is in auto-commit mode, with no transaction, after it.
     */
    public void endFailedTransaction() {
        try {
            if (!connection.getAutoCommit()) connection.rollback();
        } catch (SQLException alreadyRolledBack) {
            // SQLite ended it: nothing to roll back
        }
        try {
            connection.setAutoCommit(true);
        } catch (SQLException noTransaction) {
            try (Statement s = connection.createStatement()) {
                s.execute("BEGIN"); // an empty transaction for sqlite-jdbc's "commit" to end
                connection.setAutoCommit(true);
            } catch (SQLException e) {
                throw new StorageException("cannot reset the connection of " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** The shared connection. Synchronise on it for a transaction spanning several statements. */
    public Connection connection() {
        return connection;
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StorageException("cannot close " + file + ": " + e.getMessage(), e);
        }
    }
}
