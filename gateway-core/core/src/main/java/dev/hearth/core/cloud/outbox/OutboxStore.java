package dev.hearth.core.cloud.outbox;

import dev.hearth.core.cloud.MessageKind;
import dev.hearth.core.cloud.OutboundMessage;
import dev.hearth.core.storage.Database;
import dev.hearth.core.storage.Schema;
import dev.hearth.core.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox's rows in SQLite, with group commit on the database's storage thread: writes queue up
 * here, the first one signals the storage thread, and there a batch of up to {@code batch} of them,
 * gathered for at most {@code window} (less when other stores wait), is committed in one
 * transaction. WAL with synchronous=NORMAL: a commit survives kill -9 without an fsync each.
 */
final class OutboxStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxStore.class);
    static final String COMPONENT = "cloud-outbox";
    /** The store's name in {@code hearth_storage_errors_total{store}} and in /readyz. */
    static final String STORE = "outbox";
    /** How long the storage thread waits before it tries a failed commit again. */
    static final Duration RETRY_EVERY = Duration.ofSeconds(1);
    private static final Duration CLOSE_WITHIN = Duration.ofSeconds(10);
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    static final Schema SCHEMA = new Schema(COMPONENT, List.of(
            List.of("CREATE TABLE outbox (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, topic TEXT NOT NULL, "
                            + "payload BLOB NOT NULL, correlation BLOB, created_ms INTEGER NOT NULL)",
                    "CREATE TABLE cloud_meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL)"),
            List.of("ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0",
                    "ALTER TABLE outbox ADD COLUMN link_losses INTEGER NOT NULL DEFAULT 0")));

    /** A stored row: its index (the message only for the first rows) and how often it was published without an acknowledgement. */
    record Stored(Slot slot, int attempts, int linkLosses) { }

    private sealed interface Op {
        record Insert(OutboxEntry entry, CompletableFuture<Long> done) implements Op { }
        record Delete(long id) implements Op { }
        record Attempts(long id, int attempts, int linkLosses) implements Op { }
        record PutMeta(String name, long value) implements Op { }
        record Barrier(CompletableFuture<Void> done) implements Op { }
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
    private final LinkedBlockingQueue<Op> ops = new LinkedBlockingQueue<>();
    /** Whether a drain is queued on the storage thread: at most one is, so signals stay bounded. */
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    /** The rest is confined to the storage thread. */
    private final List<Op> pending = new ArrayList<>();
    private boolean retrying;
    private boolean closed;
    private Statements statements;

    OutboxStore(Database db, int batch, Duration window, int capacity) {
        db.requireSchema(SCHEMA);
        this.db = db;
        this.batch = batch;
        this.windowNanos = window.toNanos();
        this.insertPermits = new Semaphore(capacity);
    }

    /** The stored rows: the readable ones, oldest first, and the ids of rows that are not a message. */
    record Loaded(List<Stored> rows, List<Long> unreadable) { }

    /**
     * Every stored entry, oldest first (called once, at open, before any write): the first
     * {@code warm} with their messages, the rest as cold index entries (their payloads stay on disk).
     */
    Loaded loadAll(int warm) {
        return db.read(STORE, c -> {
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT id, kind, topic, length(payload), created_ms, attempts, link_losses, payload, correlation "
                         + "FROM outbox ORDER BY id")) {
                var out = new ArrayList<Stored>();
                var unreadable = new ArrayList<Long>();
                Map<String, String> topics = new HashMap<>(); // one String per topic, not per row
                while (r.next()) {
                    long id = r.getLong(1);
                    try {
                        MessageKind kind = MessageKind.valueOf(r.getString(2));
                        String topic = topics.computeIfAbsent(r.getString(3), t -> t);
                        var slot = new Slot(id, id, kind, topic, r.getInt(4), r.getLong(5));
                        // the message's own checks (a publish topic), also for the rows that stay cold
                        var m = new OutboundMessage(kind, topic, out.size() < warm ? r.getBytes(8) : new byte[0],
                                Optional.ofNullable(out.size() < warm ? r.getBytes(9) : null));
                        if (out.size() < warm) slot.message = m;
                        out.add(new Stored(slot, r.getInt(6), r.getInt(7)));
                    } catch (IllegalArgumentException | NullPointerException e) {
                        // An unknown kind, a wildcard topic: such a row would stop every start; it goes.
                        log.warn("outbox row {} is not a message ({}); deleted", id, e.getMessage());
                        unreadable.add(id);
                    }
                }
                return new Loaded(out, unreadable);
            }
        });
    }

    /**
     * The messages of the cold entries {@code slots}, read on the storage thread (the caller
     * waits: never under the outbox's lock); an id missing from the result has no row any more.
     */
    Map<Long, OutboundMessage> messages(List<Slot> slots) {
        if (slots.isEmpty()) return Map.of();
        Map<Long, Slot> byId = new HashMap<>();
        slots.forEach(s -> byId.put(s.id, s));
        String ids = byId.keySet().toString(); // "[1, 2, 3]": a JSON array
        return db.read(STORE, c -> {
            Map<Long, OutboundMessage> out = new HashMap<>();
            try (PreparedStatement p = c.prepareStatement("SELECT id, payload, correlation FROM outbox WHERE id IN (SELECT value FROM json_each(?))")) {
                p.setString(1, ids);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        Slot s = byId.get(r.getLong(1));
                        byte[] payload = r.getBytes(2);
                        if (s == null || payload == null) continue;
                        out.put(s.id, new OutboundMessage(s.kind, s.topic, payload, Optional.ofNullable(r.getBytes(3))));
                    }
                }
            }
            return out;
        });
    }

    /** Every cloud_meta value (read once, at open: later reads come from the outbox's memory). */
    Map<String, Long> meta() {
        return db.read(STORE, c -> {
            Map<String, Long> out = new HashMap<>();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT name, value FROM cloud_meta")) {
                while (r.next()) out.put(r.getString(1), r.getLong(2));
            }
            return out;
        });
    }

    /**
     * Takes room for one more insert without waiting; true when there was (the caller then calls
     * {@link #insert}, or {@link #unreserve} if it changed its mind). Telemetry leaves the last
     * {@code headroom} places to the kinds that are not dropped first.
     */
    boolean reserve(boolean droppable, int headroom) {
        if (droppable && insertPermits.availablePermits() <= headroom) return false;
        return insertPermits.tryAcquire();
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
        add(new Op.Insert(entry, done));
        return done;
    }

    void delete(long id) {
        add(new Op.Delete(id));
    }

    void attempts(long id, int attempts, int linkLosses) {
        add(new Op.Attempts(id, attempts, linkLosses));
    }

    void putMeta(String name, long value) {
        add(new Op.PutMeta(name, value));
    }

    /** Completes once every write queued before it is committed. */
    CompletableFuture<Void> flush() {
        var done = new CompletableFuture<Void>();
        add(new Op.Barrier(done));
        return done;
    }

    /** The hot path: a lock-free add and, for the first write of a batch only, a signal. */
    private void add(Op op) {
        ops.add(op);
        if (drainQueued.compareAndSet(false, true)) db.signal(this::drain);
    }

    /** Storage thread: commits a batch, unless a failed one waits for its retry. */
    private void drain() {
        drainQueued.set(false); // writes added from now on signal again
        if (!retrying && !closed) commitBatch(true);
    }

    /** Storage thread. Returns whether what was gathered is committed. */
    private boolean commitBatch(boolean wait) {
        gather(wait);
        if (pending.isEmpty()) return true;
        boolean ok;
        try {
            db.write(STORE, this::commit);
            ok = true;
        } catch (StorageException e) {
            // health has the reason (SQLITE_FULL); the same writes are tried again, in the same
            // order, until they succeed: what was accepted is never silently kept in memory only.
            // Meanwhile the outbox refuses new entries (health is failing) and the permits run out.
            closeStatements();
            ok = false;
        }
        if (ok) {
            completePending();
            if (!ops.isEmpty() && drainQueued.compareAndSet(false, true)) db.signal(this::drain);
        } else if (!closed && !retrying) {
            retrying = true;
            db.runLater(RETRY_EVERY, () -> {
                retrying = false;
                if (!closed) commitBatch(false);
            });
        }
        return ok;
    }

    /** Adds queued writes to the batch: what is there first, then (if nothing else waits) for up to the window. */
    private void gather(boolean wait) {
        long deadline = System.nanoTime() + windowNanos;
        while (pending.size() < batch) {
            Op next = ops.poll();
            if (next == null) {
                long left = deadline - System.nanoTime();
                if (!wait || pending.isEmpty() || db.othersWaiting() || left <= 0) return;
                try {
                    // at most a millisecond at a time: another store's task may have arrived
                    next = ops.poll(Math.min(left, MAX_PARK_NANOS), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (next == null) continue;
            }
            pending.add(next);
            if (next instanceof Op.Barrier) return;
        }
    }

    private Void commit(Connection c) throws SQLException {
        Statements st = statements(c);
        // Inserts and meta writes run in queue order; deletes are gathered and run as one statement
        // at the end (an entry acknowledged before its insert was committed is inserted, then
        // deleted, in this transaction), except the delete of an id that is inserted again later in
        // the batch (a retained message taking over a never-sent one's place), which must run
        // before that insert.
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
        return null;
    }

    private void completePending() {
        for (Op op : pending) {
            if (op instanceof Op.Insert i) {
                insertPermits.release();
                i.done().complete(i.entry().id());
            } else if (op instanceof Op.Barrier b) {
                b.done().complete(null);
            }
        }
        pending.clear();
    }

    /** Stopping with writes that cannot be committed: their stages fail, nothing waits forever. */
    private void failPending() {
        for (Op op : pending) {
            if (op instanceof Op.Insert i) {
                insertPermits.release();
                i.done().completeExceptionally(new StorageException("outbox write failed at shutdown", null));
            } else if (op instanceof Op.Barrier b) {
                b.done().completeExceptionally(new StorageException("outbox write failed at shutdown", null));
            }
        }
        pending.clear();
    }

    /** The prepared statements, made once and kept: preparing them for every commit showed in profiles. */
    private record Statements(PreparedStatement insert, PreparedStatement delete, PreparedStatement deleteMany,
                              PreparedStatement meta, PreparedStatement attempts) {
    }

    /** Storage thread only. */
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

    /**
     * Commits what is queued (one last try if commits were failing), then stops batching; stages
     * of writes that could not be committed fail. The database stays open (its owner closes it).
     */
    @Override
    public void close() {
        var done = new CompletableFuture<Void>();
        db.signal(() -> {
            try {
                while (!ops.isEmpty() || !pending.isEmpty()) {
                    if (!commitBatch(false)) {
                        ops.drainTo(pending); // nothing can be written: every stage fails
                        failPending();
                        break;
                    }
                }
            } finally {
                closed = true;
                closeStatements();
                done.complete(null);
            }
        });
        try {
            done.get(CLOSE_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("outbox: closing its store did not finish within {} s", CLOSE_WITHIN.toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
