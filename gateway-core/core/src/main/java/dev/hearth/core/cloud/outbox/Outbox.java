package dev.hearth.core.cloud.outbox;

import dev.hearth.core.cloud.CloudCounters.DropReason;
import dev.hearth.core.cloud.CloudCounters;
import dev.hearth.core.cloud.MessageKind;
import dev.hearth.core.cloud.OutboundMessage;
import dev.hearth.core.cloud.OutboxLimits;
import dev.hearth.core.logging.RateLimitedLog;
import dev.hearth.core.storage.Database;
import dev.hearth.core.storage.StorageException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable store-and-forward queue of everything that must reach the cloud.
 *
 * <p>Entries are sent in id order (ids increase with every enqueue, so per-device order holds).
 * The state machine ({@link EntryState}) lives in memory; SQLite holds the rows of entries not yet
 * acknowledged or dropped. IN_FLIGHT is not written to disk: after a crash every stored row is
 * QUEUED again, which is exactly what a restart must do (at-least-once), and it saves a write per
 * message. Rows are written by {@link OutboxStore}'s group commit.
 *
 * <p>Bounds: when the held entries exceed the count or byte limit, the oldest QUEUED telemetry is
 * dropped (counted); only when no telemetry is left, the oldest reply, and last the oldest retained
 * entry (the next connection's snapshot re-publishes every retained topic, so only the latest value
 * matters and it is not lost). The writer's queue is bounded too: {@link #enqueue} waits up to
 * {@link #WRITER_PATIENCE} for room (backpressure) and then refuses. Retained kinds are coalesced per topic: a newer state replaces a queued older one (only the
 * latest retained value matters) and takes its place in the queue, unless the older one was ever
 * sent; at the tail, a state that changes faster than a backlog drains would never be sent (measured
 * with {@code ./hearth bench cloud-gateway-throughput}: no state at all while telemetry saturated
 * the link). Telemetry and replies older than the max age are dropped when
 * they come up for sending.
 *
 * <p>Delivery (DESIGN.md section 7): every publish of an entry that is not acknowledged counts an
 * attempt (persisted); after {@link #MAX_ATTEMPTS} the entry is DROPPED. An entry that failed waits
 * ({@code notBefore}) while the entries behind it go: one undeliverable entry never blocks the
 * queue. An entry that was the oldest unacknowledged publish when the link was lost right after it
 * went out, {@link #MAX_LINK_LOSSES} times, is set aside (DROPPED, logged once): it is what kills
 * the connection. An entry larger than the broker's Maximum Packet Size is refused at enqueue.
 * A failed write to disk makes {@link #enqueue} refuse (counted) until the store writes again:
 * the outbox never silently keeps entries in memory only. Thread-safe.
 */
public final class Outbox implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    /** Publishes without an acknowledgement (refused or lost with the link) before an entry is dropped. */
    static final int MAX_ATTEMPTS = 10;
    /** A message the broker refuses this many times is dropped. */
    static final int MAX_REFUSALS = 5;
    /** Link losses right after publishing an entry (as the oldest unacknowledged) before it is set aside. */
    static final int MAX_LINK_LOSSES = 3;
    /** How long a failed entry waits at first; doubled per attempt, at most {@link #MAX_RETRY_DELAY}. */
    static final Duration RETRY_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY_DELAY = Duration.ofMinutes(1);
    /** How long {@link #enqueue} waits for room in the writer's queue before it refuses. */
    static final Duration WRITER_PATIENCE = Duration.ofSeconds(2);
    /** Inserts the writer may have pending: with 500 per commit, 20 commits' worth. */
    static final int WRITER_CAPACITY = 10_000;
    /** MQTT's own limit (268,435,455 bytes) until a CONNACK says less. */
    static final long MQTT_MAX_PACKET = 268_435_455L;

    private final OutboxStore store;
    private final OutboxLimits limits;
    private final Clock clock;
    private final CloudCounters counters;
    private final SlotIndex slots = new SlotIndex();
    private final List<Runnable> readyListeners = new CopyOnWriteArrayList<>();
    private final RateLimitedLog refusals;
    private volatile long maxPacket = MQTT_MAX_PACKET;
    private volatile ToLongFunction<OutboundMessage> packetSize = OutboundMessage::size;
    private long lastId;
    private long session;

    private Outbox(OutboxStore store, OutboxLimits limits, Clock clock, CloudCounters counters) {
        this.store = store;
        this.limits = limits;
        this.clock = clock;
        this.counters = counters;
        this.refusals = new RateLimitedLog(log, clock, Duration.ofMinutes(1));
    }

    /** Opens the outbox in {@code db}; what a previous run left (queued or in flight) is QUEUED again. */
    public static Outbox open(Database db, OutboxLimits limits, Clock clock, CloudCounters counters) {
        var store = new OutboxStore(db, limits.commitBatch(), limits.commitWindow(), WRITER_CAPACITY);
        var outbox = new Outbox(store, limits, clock, counters);
        OutboxStore.Loaded loaded = store.loadAll();
        List<OutboxStore.Stored> stored = loaded.rows();
        loaded.unreadable().forEach(store::delete);
        synchronized (outbox) {
            for (OutboxStore.Stored st : stored) {
                var slot = new Slot(st.entry(), st.entry().id());
                slot.attempts = st.attempts();
                slot.linkLosses = st.linkLosses();
                outbox.slots.admit(slot);
                outbox.lastId = Math.max(outbox.lastId, st.entry().id());
            }
            outbox.lastId = Math.max(outbox.lastId, store.meta("outbox.last_id", 0));
            outbox.maxPacket = store.meta("broker.max_packet", MQTT_MAX_PACKET);
        }
        if (!stored.isEmpty()) log.info("outbox: {} messages from the previous run to send", stored.size());
        return outbox;
    }

    /** {@code listener} runs (on the enqueuing thread) whenever an entry becomes sendable. */
    public void onReady(Runnable listener) {
        readyListeners.add(listener);
    }

    /** How the link measures a message as a PUBLISH packet (topic, properties and payload). */
    public void packetSize(ToLongFunction<OutboundMessage> size) {
        this.packetSize = size;
    }

    /** The broker's Maximum Packet Size from its CONNACK (MQTT's limit when it named none); kept across restarts. */
    public void brokerMaxPacket(long max) {
        long m = max <= 0 ? MQTT_MAX_PACKET : Math.min(max, MQTT_MAX_PACKET);
        if (m == maxPacket) return;
        maxPacket = m;
        store.putMeta("broker.max_packet", m);
    }

    /** The broker's Maximum Packet Size as last known. */
    public long maxPacket() {
        return maxPacket;
    }

    /** Whether {@code m} fits the broker's Maximum Packet Size. */
    public boolean fits(OutboundMessage m) {
        return packetSize.applyAsLong(m) <= maxPacket;
    }

    /**
     * Queues {@code message}; it is sendable at once, and durable when the stage completes (with its id).
     * The stage completes exceptionally, and the refusal is counted, when the message is larger than
     * the broker takes, when storage is failing, or when the writer stayed full for
     * {@link #WRITER_PATIENCE}.
     */
    public CompletionStage<Long> enqueue(OutboundMessage message) {
        if (!fits(message)) {
            return refuse(message, DropReason.TOO_LARGE, message + " is larger than the broker's maximum packet size ("
                    + packetSize.applyAsLong(message) + " > " + maxPacket + " bytes)");
        }
        if (store.failing()) {
            return refuse(message, DropReason.STORAGE, message + " refused: the outbox cannot write to disk");
        }
        if (!store.reserve(WRITER_PATIENCE)) {
            return refuse(message, DropReason.WRITER_FULL, message + " refused: the outbox writer stayed full for "
                    + WRITER_PATIENCE.toMillis() + " ms");
        }
        CompletableFuture<Long> durable;
        synchronized (this) {
            long seq = ++lastId;
            long position = seq;
            Slot older = message.kind().retained() ? slots.queuedRetained(message.topic()) : null;
            if (older != null) {
                // Never-sent: no late PUBACK can name its id, so the newer value may take it over.
                if (!older.sent) position = older.entry.id();
                finish(older, EntryState.DROPPED);
                counters.coalesced(message.kind());
            }
            var slot = new Slot(new OutboxEntry(position, message, clock.millis()), seq);
            durable = store.insert(slot.entry); // after the older row's delete: the store runs writes in order
            slots.admit(slot);
            enforceBound();
        }
        readyListeners.forEach(Runnable::run);
        return durable;
    }

    private CompletionStage<Long> refuse(OutboundMessage m, DropReason reason, String why) {
        counters.dropped(m.kind(), reason);
        refusals.warn("outbox: " + why);
        return CompletableFuture.failedFuture(new StorageException(why, null));
    }

    /** The next entry to publish, now IN_FLIGHT (an attempt counted); aged-out and oversized entries on the way are dropped. */
    public synchronized Optional<OutboxEntry> takeNext() {
        long now = clock.millis();
        long oldest = now - limits.maxAge().toMillis();
        for (Optional<Slot> next = slots.firstReady(now); next.isPresent(); next = slots.firstReady(now)) {
            Slot s = next.get();
            OutboundMessage m = s.entry.message();
            if (!m.kind().retained() && s.entry.createdMs() < oldest) {
                drop(s, DropReason.AGE, null);
                continue;
            }
            if (!fits(m)) {
                drop(s, DropReason.TOO_LARGE, m + " is larger than the broker's maximum packet size (" + maxPacket + " bytes)");
                continue;
            }
            slots.move(s, EntryState.IN_FLIGHT);
            s.attempts++;
            s.released = false;
            return Optional.of(s.entry);
        }
        return Optional.empty();
    }

    /** Milliseconds until the next waiting entry may be sent again, or empty when none waits. */
    public synchronized Optional<Long> nextRetryInMs() {
        long now = clock.millis();
        return slots.nextDueMs().map(due -> Math.max(0, due - now));
    }

    /** The broker acknowledged entry {@code id}: it is done and deleted. Unknown ids are ignored. */
    public synchronized void acked(long id) {
        Slot s = slots.held(id); // queued: a late PUBACK from a connection already given up
        if (s == null) return;
        finish(s, EntryState.ACKED);
        counters.delivered(s.entry.message().kind());
    }

    /**
     * The broker refused entry {@code id} (a PUBACK reason code of 0x80 or more): it waits, then goes
     * again; DROPPED after {@link #MAX_REFUSALS} refusals or {@link #MAX_ATTEMPTS} attempts.
     */
    public void failed(long id) {
        boolean ready = false;
        synchronized (this) {
            Slot s = slots.inFlight(id);
            if (s == null) return;
            if (++s.refusals >= MAX_REFUSALS) {
                drop(s, DropReason.REJECTED, "the broker refused " + s.entry.message() + " " + s.refusals + " times");
            } else {
                ready = retry(s);
            }
        }
        if (ready) readyListeners.forEach(Runnable::run);
    }

    /** Publishing entry {@code id} did not happen (client busy or disconnecting): back to QUEUED, no attempt counted. */
    public synchronized void release(long id) {
        Slot s = slots.inFlight(id);
        if (s == null) return;
        s.attempts--;
        slots.move(s, EntryState.QUEUED);
        s.released = true;
    }

    /** The connection is gone: every IN_FLIGHT entry is QUEUED again, to be re-sent in id order. */
    public synchronized int requeueInFlight() {
        return requeueInFlight(Optional.empty());
    }

    /**
     * The connection is gone right after {@code suspect} (if any) went out as the oldest
     * unacknowledged publish: it waits (the others go first) or, the {@link #MAX_LINK_LOSSES}th
     * time, is set aside. Every other IN_FLIGHT entry is QUEUED again (its attempt stays counted).
     */
    public synchronized int requeueInFlight(Optional<Long> suspect) {
        // The suspect may be in flight, or already back in the queue: refused just before the loss
        // (waiting), or released by a publish that failed with the connection (queued).
        Slot blamed = suspect.map(slots::held).orElse(null);
        if (blamed != null) {
            if (blamed.state == EntryState.QUEUED && blamed.released) blamed.attempts++; // it did go out
            if (++blamed.linkLosses >= MAX_LINK_LOSSES) {
                drop(blamed, DropReason.LINK_KILLER, "the link was lost right after publishing " + blamed.entry.message() + " "
                        + blamed.linkLosses + " times; set aside so the messages behind it can go");
            } else {
                retry(blamed);
            }
        }
        List<Slot> inFlight = slots.inFlightSlots();
        for (Slot s : inFlight) {
            if (s.attempts >= MAX_ATTEMPTS) {
                drop(s, DropReason.ATTEMPTS, s.entry.message() + " was published " + s.attempts + " times without an acknowledgement");
            } else {
                slots.move(s, EntryState.QUEUED);
                store.attempts(s.entry.id(), s.attempts, s.linkLosses);
            }
        }
        return inFlight.size() + (blamed != null && blamed.state == EntryState.QUEUED ? 1 : 0);
    }

    /** Back to QUEUED (from wherever), waiting RETRY_DELAY x 2^(attempts - 1); or DROPPED after MAX_ATTEMPTS. True when it waits. */
    private boolean retry(Slot s) {
        if (s.attempts >= MAX_ATTEMPTS) {
            drop(s, DropReason.ATTEMPTS, s.entry.message() + " was published " + s.attempts + " times without an acknowledgement");
            return false;
        }
        long delay = Math.min(MAX_RETRY_DELAY.toMillis(), RETRY_DELAY.toMillis() << Math.min(16, Math.max(0, s.attempts - 1)));
        slots.defer(s, clock.millis() + delay);
        store.attempts(s.entry.id(), s.attempts, s.linkLosses);
        return true;
    }

    /**
     * The next gateway session number (1, 2, ...), kept in the same database so it keeps growing
     * across restarts; the birth and the will of one broker connection carry it.
     */
    public synchronized long nextSession() {
        session = (session == 0 ? store.meta("gateway.session", 0) : session) + 1;
        store.putMeta("gateway.session", session);
        return session;
    }

    /** The id of the latest enqueued entry (0 if none ever). */
    public synchronized long lastId() {
        return lastId;
    }

    /**
     * Drops the QUEUED retained entries for {@code topics} enqueued at or before {@code mark}: a fresh
     * snapshot of those topics, taken after {@code mark}, is being published instead.
     */
    public synchronized int supersedeRetained(long mark, Set<String> topics) {
        int n = 0;
        for (String topic : topics) {
            Slot s = slots.queuedRetained(topic);
            if (s != null && s.seq <= mark) {
                finish(s, EntryState.DROPPED);
                counters.coalesced(s.entry.message().kind());
                n++;
            }
        }
        return n;
    }

    /**
     * Drops every QUEUED entry whose message matches {@code which} (an erasure: the messages name a
     * user who withdrew consent), counted as {@link DropReason#ERASED}. Entries already in flight
     * are in the client's hands and are not recalled. Returns how many were dropped.
     */
    public synchronized int purgeQueued(Predicate<OutboundMessage> which) {
        int n = 0;
        for (Slot s : slots.queuedSlots()) {
            if (which.test(s.entry.message())) {
                drop(s, DropReason.ERASED, null);
                n++;
            }
        }
        return n;
    }

    /**
     * Drops the QUEUED telemetry and replies older than the max age now, without waiting for them
     * to come up for sending (retention, while the link is down). Returns how many were dropped.
     */
    public synchronized int dropExpired() {
        long oldest = clock.millis() - limits.maxAge().toMillis();
        int n = 0;
        for (Slot s : slots.queuedSlots()) {
            if (!s.entry.message().kind().retained() && s.entry.createdMs() < oldest) {
                drop(s, DropReason.AGE, null);
                n++;
            }
        }
        return n;
    }

    /** The held entries (queued and in flight) whose message matches {@code which}, in id order. */
    public synchronized List<OutboxEntry> held(Predicate<OutboundMessage> which) {
        TreeMap<Long, OutboxEntry> out = new TreeMap<>();
        slots.queuedSlots().forEach(s -> { if (which.test(s.entry.message())) out.put(s.entry.id(), s.entry); });
        slots.inFlightSlots().forEach(s -> { if (which.test(s.entry.message())) out.put(s.entry.id(), s.entry); });
        return List.copyOf(out.values());
    }

    public synchronized OutboxStats stats() {
        return new OutboxStats(slots.queuedCount(), slots.inFlightCount(), slots.bytes());
    }

    /** Inserts handed to the writer and not yet committed (at most {@link #WRITER_CAPACITY}). */
    public int pendingWrites() {
        return store.pendingInserts(WRITER_CAPACITY);
    }

    /** The state of entry {@code id}: ACKED or DROPPED once it is no longer held. */
    public synchronized EntryState state(long id) {
        Slot s = slots.held(id);
        return s == null ? EntryState.ACKED : s.state;
    }

    /** Completes once everything enqueued so far is on disk. */
    public CompletionStage<Void> flush() {
        return store.flush();
    }

    private void enforceBound() {
        while (slots.size() > limits.maxEntries() || slots.bytes() > limits.maxBytes()) {
            Slot victim = slots.oldestQueued(MessageKind::droppable);
            if (victim == null) victim = slots.oldestQueued(k -> k == MessageKind.REPLY);
            if (victim == null) victim = slots.oldestQueued(MessageKind::retained);
            if (victim == null) return; // only in-flight entries left: they leave with their PUBACKs
            drop(victim, DropReason.BOUND, null);
        }
    }

    /** DROPPED with a reason, counted; {@code why} (if any) is logged (at most once a minute for a flood). */
    private void drop(Slot s, DropReason reason, String why) {
        finish(s, EntryState.DROPPED);
        counters.dropped(s.entry.message().kind(), reason);
        if (why != null) refusals.warn("outbox: " + why + "; dropped (" + reason + ")");
    }

    /** To ACKED or DROPPED: forgotten in memory, deleted on disk. */
    private void finish(Slot s, EntryState end) {
        slots.move(s, end);
        store.delete(s.entry.id());
    }

    /** Writes what is pending and stops the writer; the database stays open (its owner closes it). */
    @Override
    public void close() {
        synchronized (this) {
            store.putMeta("outbox.last_id", lastId);
        }
        store.close();
    }
}
