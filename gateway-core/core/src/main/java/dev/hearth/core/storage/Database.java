package dev.hearth.core.storage;

import dev.hearth.config.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteException;

/**
 * The gateway's one SQLite database (DESIGN.md section 8), owned by one storage thread: the
 * connection is opened, used and closed there and nowhere else. Stores hand it {@link SqlWork}:
 * {@link #write} runs it in one transaction and reports the outcome to {@link #health()} under the
 * store's name; {@link #read} runs it without one. Both wait for the result; the storage thread's
 * own calls run inline. Every store's schema is applied at {@link #open}, before any store exists.
 */
public final class Database implements AutoCloseable {
    /** Tasks that may wait for the storage thread; a submitter waits up to {@link #PATIENCE} for room. */
    static final int QUEUE_CAPACITY = 4096;
    static final Duration PATIENCE = Duration.ofSeconds(5);
    /** How long a caller waits for its result: longer than SQLite's busy timeout, shorter than forever. */
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(30);

    private final Path file;
    private final StorageThread thread;
    private final StorageHealth health;
    private final Map<String, Schema> schemas;
    /** Confined to the storage thread. */
    private Connection connection;
    /** Runs BEGIN, COMMIT and ROLLBACK. */
    private Statement control;
    private boolean inTransaction;

    private Database(Path file, StorageThread thread, StorageHealth health, Map<String, Schema> schemas) {
        this.file = file;
        this.thread = thread;
        this.health = health;
        this.schemas = schemas;
    }

    /** Where the stores of this database report failed and succeeded writes; /readyz reads it. */
    public StorageHealth health() {
        return health;
    }

    /** Opens (creating if needed) the database file in WAL mode and applies every schema, in one transaction. */
    public static Database open(Path file, Collection<Schema> schemas) {
        return open(file, schemas, Clock.systemUTC(), JdbcCalls.NONE);
    }

    /** As {@link #open(Path, Collection)}, with the clock of the health log and an observer of every JDBC call. */
    public static Database open(Path file, Collection<Schema> schemas, Clock clock, JdbcCalls calls) {
        Map<String, Schema> byComponent = new HashMap<>();
        for (Schema s : schemas) {
            if (byComponent.put(s.component(), s) != null) throw new IllegalArgumentException("two schemas for " + s.component());
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) OwnerOnly.createDirectories(parent);
            // SQLite creates its -wal and -shm files with the database file's mode: an owner-only
            // database made here gives owner-only companions, whatever the umask
            OwnerOnly.createFileIfMissing(file);
            refuseIfLoose(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the database " + file + ": " + e.getMessage(), e);
        }
        var thread = new StorageThread("hearth-storage", QUEUE_CAPACITY);
        var db = new Database(file, thread, new StorageHealth(clock), Map.copyOf(byComponent));
        thread.start();
        try {
            db.await(submit(thread, () -> {
                db.connect(calls);
                try {
                    SchemaMigration.apply(db.connection, schemas);
                } catch (java.sql.SQLException e) {
                    db.rollbackQuietly();
                    throw new StorageException("cannot migrate " + file + ": " + e.getMessage(), e);
                }
                return null;
            }));
        } catch (RuntimeException e) {
            thread.stop(db::disconnect, PATIENCE);
            throw e;
        }
        return db;
    }

    private void connect(JdbcCalls calls) {
        try {
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
                s.execute("CREATE TABLE IF NOT EXISTS schema_version (component TEXT PRIMARY KEY, version INTEGER NOT NULL)");
            }
            try {
                for (String suffix : List.of("-wal", "-shm")) {
                    Path companion = file.resolveSibling(file.getFileName() + suffix);
                    OwnerOnly.restrictFile(companion);
                    refuseIfLoose(companion);
                }
            } catch (IOException | StorageException e) {
                c.close();
                if (e instanceof IOException io) throw new UncheckedIOException("cannot restrict " + file + "'s companions: " + io.getMessage(), io);
                throw (StorageException) e;
            }
            connection = ConnectionGuard.guard(c, thread.thread(), calls);
            control = connection.createStatement();
        } catch (SQLException e) {
            throw new StorageException("cannot open database " + file + ": " + e.getMessage(), e);
        }
    }

    private static void refuseIfLoose(Path file) {
        OwnerOnly.check(file).ifPresent(p -> {
            throw new StorageException("refusing to open the database: " + p, null);
        });
    }

    /** Refuses a store whose schema was not applied at open: no store touches tables nobody migrated. */
    public void requireSchema(Schema schema) {
        Schema applied = schemas.get(schema.component());
        if (!schema.equals(applied)) {
            throw new IllegalStateException("the database " + file + " was opened without the schema of "
                    + schema.component() + " (GatewaySchemas lists every store's)");
        }
    }

    /** The schema version of {@code component}, 0 when it has no tables yet. */
    public int version(String component) {
        return read("schema", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT version FROM schema_version WHERE component = ?")) {
                p.setString(1, component);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? r.getInt(1) : 0;
                }
            }
        });
    }

    /** Runs {@code work} on the storage thread without a transaction and returns its result. */
    public <T> T read(String store, SqlWork<T> work) {
        return call(store, () -> {
            try {
                return work.run(connection);
            } catch (SQLException e) {
                throw new StorageException(store + ": cannot read: " + e.getMessage(), e);
            }
        });
    }

    /**
     * Runs {@code work} on the storage thread in one transaction and returns its result. A failure
     * rolls it back, is reported to {@link #health()} as {@code store}'s (not ready, counted, logged
     * once a minute) and thrown; a success tells health that {@code store} writes again.
     */
    public <T> T write(String store, SqlWork<T> work) {
        return call(store, () -> writeHere(store, work));
    }

    /** As {@link #write}, without waiting: the stage completes on the storage thread. */
    public <T> CompletableFuture<T> writeAsync(String store, SqlWork<T> work) {
        return submit(thread, () -> writeHere(store, work));
    }

    private <T> T writeHere(String store, SqlWork<T> work) {
        if (inTransaction) throw new IllegalStateException(store + ": a write inside another store's write");
        Connection c = connection;
        inTransaction = true;
        try {
            control.execute("BEGIN");
            T result = work.run(c);
            control.execute("COMMIT");
            health.succeeded(store);
            return result;
        } catch (SQLException e) {
            rollbackQuietly(); // keeps e, the reason (SQLITE_FULL), and the connection usable
            // a constraint violation is the caller's mistake, not the storage's: no health change
            if (!constraintViolation(e)) health.failed(store, e.getMessage());
            throw new StorageException(store + ": cannot write: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            rollbackQuietly();
            throw e;
        } finally {
            inTransaction = false;
        }
    }

    private static boolean constraintViolation(SQLException e) {
        return e instanceof SQLiteException s && s.getResultCode().name().startsWith("SQLITE_CONSTRAINT");
    }

    /**
     * Queues {@code task} for the storage thread without taking room in the bounded queue: a
     * store's "my batch is waiting". The caller keeps at most one queued (a flag it clears when the
     * task runs), so these are bounded by the number of stores.
     */
    public void signal(Runnable task) {
        thread.signal(task);
    }

    /** On the storage thread: whether other tasks wait (a batching store stops gathering then). */
    public boolean othersWaiting() {
        return thread.othersWaiting();
    }

    /** On the storage thread: runs {@code task} there after {@code delay} (a failed commit's retry). */
    public void runLater(Duration delay, Runnable task) {
        thread.runLater(delay, task);
    }

    /** Whether the calling thread is the storage thread. */
    public boolean onStorageThread() {
        return thread.current();
    }

    private <T> T call(String store, java.util.function.Supplier<T> task) {
        if (thread.current()) return task.get();
        if (io.netty.util.internal.ThreadExecutorMap.currentExecutor() instanceof io.netty.channel.EventLoop) {
            // an event loop must never wait on storage (DESIGN.md section 5.3): say who does, once a minute
            health.waitedOnEventLoop(store, Thread.currentThread().getName());
        }
        return await(submit(thread, task));
    }

    private static <T> CompletableFuture<T> submit(StorageThread thread, java.util.function.Supplier<T> task) {
        var done = new CompletableFuture<T>();
        thread.submit(() -> {
            try {
                done.complete(task.get());
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        }, PATIENCE);
        return done;
    }

    private <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new StorageException("storage failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new StorageException("the storage thread of " + file + " did not answer within " + ANSWER_WITHIN.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting for storage", e);
        }
    }

    /**
     * Ends a transaction that failed, whatever state it left. Transactions are SQL statements on a
     * connection that stays in auto-commit mode, so SQLite's own state decides, not a JDBC flag
     * that can drift from it: after SQLITE_FULL, SQLite may have rolled back already (then ROLLBACK
     * fails with "no transaction is active", which is fine) or not (then it rolls back). Toggling
     * sqlite-jdbc's auto-commit instead left a BEGIN open after a failed commit, and the next
     * store's write failed with "cannot start a transaction within a transaction".
     */
    private void rollbackQuietly() {
        try {
            control.execute("ROLLBACK");
        } catch (SQLException noTransaction) {
            // SQLite ended it already
        }
    }

    public Path file() {
        return file;
    }

    /** Runs every task queued before, closes the connection on the storage thread and stops it. */
    @Override
    public void close() {
        thread.stop(this::disconnect, ANSWER_WITHIN);
    }

    private void disconnect() {
        if (connection == null) return;
        try {
            control.close();
            connection.close();
        } catch (SQLException e) {
            throw new StorageException("cannot close " + file + ": " + e.getMessage(), e);
        } finally {
            connection = null;
        }
    }
}
