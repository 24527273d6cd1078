package dev.hearth.core.cloud.outbox;

import dev.hearth.core.cloud.MessageKind;
import dev.hearth.core.cloud.OutboundMessage;
import dev.hearth.core.storage.Database;
import dev.hearth.core.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox's rows in SQLite, written by one thread with group commit: writes queue up, and the
 * writer commits up to {@code batch} of them, gathered for at most {@code window}, in one
 * transaction. WAL with synchronous=NORMAL: a commit survives kill -9 without an fsync each.
 */
final class OutboxStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxStore.class);
    static final String COMPONENT = "cloud-outbox";
    /** The store's name in {@code hearth_storage_errors_total{store}} and in /readyz. */
    static final String STORE = "outbox";
    /** How long the writer waits before it tries a failed commit again. */
    static final Duration RETRY_EVERY = Duration.ofSeconds(1);
    private static final List<List<String>> MIGRATIONS = List.of(
            List.of("CREATE TABLE outbox (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, topic TEXT NOT NULL, "
                            + "payload BLOB NOT NULL, correlation BLOB, created_ms INTEGER NOT NULL)",
                    "CREATE TABLE cloud_meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL)"),
            List.of("ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0",
                    "ALTER TABLE outbox ADD COLUMN link_losses INTEGER NOT NULL DEFAULT 0"));

    /** A stored row: the entry and how often it was published without an acknowledgement. */
    record Stored(OutboxEntry entry, int attempts, int linkLosses) { }

    private sealed interface Op {
        record Insert(OutboxEntry entry, CompletableFuture<Long> done) implements Op { }
        record Delete(long id) implements Op { }
        record Attempts(long id, int attempts, int linkLosses) implements Op { }
        record PutMeta(String name, long value) implements Op { }
        record Barrier(CompletableFuture<Void> done) implements Op { }
        record Stop() implements Op { }
    }

    private final Database db;
    private final int batch;
    private final long windowNanos;
    /**
     * Inserts not yet committed, at most {@code capacity}: {@link #reserve} waits for one (the
     * backpressure on producers). Deletes and attempt updates need none: each names a held entry,
     * so they are bounded by the outbox's own bound.
     */
    private final Semaphore insertPermits;
    private final BlockingQueue<Op> ops = new LinkedBlockingQueue<>();
    private final Thread writer;
    /** Confined to the writer thread. */
    private Statements statements;

    OutboxStore(Database db, int batch, Duration window, int capacity) {
        this.db = db;
        this.batch = batch;
        this.windowNanos = window.toNanos();
        this.insertPermits = new Semaphore(capacity);
        db.migrate(COMPONENT, MIGRATIONS);
        this.writer = new Thread(this::run, "hearth-outbox-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** The stored rows: the readable ones, oldest first, and the ids of rows that are not a message. */
    record Loaded(List<Stored> rows, List<Long> unreadable) { }

    /** Every stored entry, oldest first (called once, at open, before any write). */
    Loaded loadAll() {
        Connection c = db.connection();
        synchronized (c) {
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT id, kind, topic, payload, correlation, created_ms, attempts, link_losses FROM outbox ORDER BY id")) {
                var out = new ArrayList<Stored>();
                var unreadable = new ArrayList<Long>();
                while (r.next()) {
                    try {
                        MessageKind kind = MessageKind.valueOf(r.getString(2));
                        var m = new OutboundMessage(kind, r.getString(3), r.getBytes(4), Optional.ofNullable(r.getBytes(5)));
                        out.add(new Stored(new OutboxEntry(r.getLong(1), m, r.getLong(6)), r.getInt(7), r.getInt(8)));
                    } catch (IllegalArgumentException | NullPointerException e) {
                        // An unknown kind, a wildcard topic: such a row would stop every start; it goes.
                        log.warn("outbox row {} is not a message ({}); deleted", r.getLong(1), e.getMessage());
                        unreadable.add(r.getLong(1));
                    }
                }
                return new Loaded(out, unreadable);
            } catch (SQLException e) {
                throw new StorageException("cannot read the outbox: " + e.getMessage(), e);
            }
        }
    }

    long meta(String name, long fallback) {
        Connection c = db.connection();
        synchronized (c) {
            try (PreparedStatement p = c.prepareStatement("SELECT value FROM cloud_meta WHERE name = ?")) {
                p.setString(1, name);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? r.getLong(1) : fallback;
                }
            } catch (SQLException e) {
                throw new StorageException("cannot read cloud_meta: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Waits up to {@code patience} for room for one more insert; true when there is (the caller
     * then calls {@link #insert}, or {@link #unreserve} if it changed its mind).
     */
    boolean reserve(Duration patience) {
        try {
            return insertPermits.tryAcquire(patience.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void unreserve() {
        insertPermits.release();
    }

    /** Whether the last commit failed (disk full, read-only): the outbox refuses new entries until one succeeds. */
    boolean failing() {
        return db.health().failing(STORE);
    }

    /** Inserts not yet committed (at most the capacity). */
    int pendingInserts(int capacity) {
        return capacity - insertPermits.availablePermits();
    }

    /** Queues the insert of {@code entry}; the caller holds a permit from {@link #reserve}. */
    CompletableFuture<Long> insert(OutboxEntry entry) {
        var done = new CompletableFuture<Long>();
        ops.add(new Op.Insert(entry, done));
        return done;
    }

    void delete(long id) {
        ops.add(new Op.Delete(id));
    }

    void attempts(long id, int attempts, int linkLosses) {
        ops.add(new Op.Attempts(id, attempts, linkLosses));
    }

    void putMeta(String name, long value) {
        ops.add(new Op.PutMeta(name, value));
    }

    /** Completes once every write queued before it is committed. */
    CompletableFuture<Void> flush() {
        var done = new CompletableFuture<Void>();
        ops.add(new Op.Barrier(done));
        return done;
    }

    private void run() {
        var pending = new ArrayList<Op>(batch);
        boolean stopping = false;
        while (!stopping) {
            try {
                pending.add(ops.take());
                long deadline = System.nanoTime() + windowNanos;
                while (pending.size() < batch) {
                    // Drain what is already there first, then wait out the window for more.
                    Op next = ops.poll();
                    if (next == null) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0) break;
                        next = ops.poll(left, TimeUnit.NANOSECONDS);
                        if (next == null) break;
                    }
                    pending.add(next);
                    if (next instanceof Op.Stop || next instanceof Op.Barrier) break;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
            }
            stopping |= pending.stream().anyMatch(o -> o instanceof Op.Stop);
            // A failed commit (disk full, read-only) is tried again, the same writes in the same
            // order, until it succeeds: what was accepted is never silently kept in memory only.
            // Meanwhile the outbox refuses new entries (health is failing) and the permits run out.
            while (!commit(pending)) {
                if (stopping) {
                    failPending(pending);
                    break;
                }
                try {
                    Op stop = ops.poll(RETRY_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                    if (stop != null) {
                        if (stop instanceof Op.Stop) stopping = true;
                        else pending.add(stop);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopping = true;
                }
            }
            pending.clear();
        }
        synchronized (db.connection()) {
            closeStatements();
        }
    }

    /** True when committed; false when the transaction failed and was rolled back. */
    private boolean commit(List<Op> pending) {
        Connection c = db.connection();
        SQLException failure = null;
        synchronized (c) {
            try {
                Statements st = statements(c);
                c.setAutoCommit(false);
                try {
                    // Inserts and meta writes run in queue order; deletes are gathered and run as one
                    // statement at the end (an entry acknowledged before its insert was committed is
                    // inserted, then deleted, in this transaction), except the delete of an id that is
                    // inserted again later in the batch (a retained message taking over a never-sent
                    // one's place), which must run before that insert.
                    Set<Long> deletes = new LinkedHashSet<>();
                    for (Op op : pending) {
                        if (op instanceof Op.Insert i) {
                            OutboxEntry e = i.entry();
                            if (deletes.remove(e.id())) {
                                st.delete.setLong(1, e.id());
                                st.delete.executeUpdate();
                            }
                            st.insert.setLong(1, e.id());
                            st.insert.setString(2, e.message().kind().name());
                            st.insert.setString(3, e.message().topic());
                            st.insert.setBytes(4, e.message().payload());
                            st.insert.setBytes(5, e.message().correlationData().orElse(null));
                            st.insert.setLong(6, e.createdMs());
                            st.insert.executeUpdate();
                        } else if (op instanceof Op.Delete d) {
                            deletes.add(d.id());
                        } else if (op instanceof Op.Attempts a) {
                            st.attempts.setInt(1, a.attempts());
                            st.attempts.setInt(2, a.linkLosses());
                            st.attempts.setLong(3, a.id());
                            st.attempts.executeUpdate();
                        } else if (op instanceof Op.PutMeta m) {
                            st.meta.setString(1, m.name());
                            st.meta.setLong(2, m.value());
                            st.meta.executeUpdate();
                        }
                    }
                    if (!deletes.isEmpty()) {
                        st.deleteMany.setString(1, deletes.toString()); // "[1, 2, 3]": a JSON array
                        st.deleteMany.executeUpdate();
                    }
                    c.commit();
                    c.setAutoCommit(true);
                } catch (SQLException e) {
                    failure = e; // the first error says why (SQLITE_FULL), not the rollback's
                    db.endFailedTransaction();
                }
            } catch (SQLException e) {
                failure = e;
                closeStatements();
            }
        }
        if (failure != null) {
            db.health().failed(STORE, "commit of " + pending.size() + " writes failed: " + failure.getMessage());
            return false;
        }
        db.health().succeeded(STORE);
        for (Op op : pending) {
            if (op instanceof Op.Insert i) {
                insertPermits.release();
                i.done().complete(i.entry().id());
            } else if (op instanceof Op.Barrier b) {
                b.done().complete(null);
            }
        }
        return true;
    }

    /** Stopping with writes that cannot be committed: their stages fail, nothing waits forever. */
    private void failPending(List<Op> pending) {
        for (Op op : pending) {
            if (op instanceof Op.Insert i) {
                insertPermits.release();
                i.done().completeExceptionally(new StorageException("outbox write failed at shutdown", null));
            } else if (op instanceof Op.Barrier b) {
                b.done().completeExceptionally(new StorageException("outbox write failed at shutdown", null));
            }
        }
    }

    /** The writer's prepared statements, made once and kept: preparing them for every commit showed in profiles. */
    private record Statements(PreparedStatement insert, PreparedStatement delete, PreparedStatement deleteMany,
                              PreparedStatement meta, PreparedStatement attempts) {
    }

    /** Writer thread only, under the connection's lock. */
    private Statements statements(Connection c) throws SQLException {
        if (statements == null) {
            statements = new Statements(
                    c.prepareStatement("INSERT INTO outbox (id, kind, topic, payload, correlation, created_ms) VALUES (?, ?, ?, ?, ?, ?)"),
                    c.prepareStatement("DELETE FROM outbox WHERE id = ?"),
                    c.prepareStatement("DELETE FROM outbox WHERE id IN (SELECT value FROM json_each(?))"),
                    c.prepareStatement("INSERT INTO cloud_meta (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value"),
                    c.prepareStatement("UPDATE outbox SET attempts = ?, link_losses = ? WHERE id = ?"));
        }
        return statements;
    }

    private void closeStatements() {
        if (statements == null) return;
        for (PreparedStatement p : List.of(statements.insert(), statements.delete(), statements.deleteMany(), statements.meta(), statements.attempts())) {
            try {
                p.close();
            } catch (SQLException e) {
                log.debug("closing an outbox statement: {}", e.getMessage());
            }
        }
        statements = null;
    }

    /** Commits what is queued, then stops the writer. */
    @Override
    public void close() {
        ops.add(new Op.Stop());
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
