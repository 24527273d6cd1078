package dev.hearth.core.cloud.outbox;

import dev.hearth.core.cloud.CloudCounters.DropReason;
import dev.hearth.core.cloud.CloudCounters;
import dev.hearth.core.cloud.MessageKind;
import dev.hearth.core.cloud.OutboundMessage;
import dev.hearth.core.cloud.OutboxLimits;
import dev.hearth.core.logging.ratelimit.RateLimitedLog;
import dev.hearth.core.storage.Database;
import dev.hearth.core.storage.StorageException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * matters and it is not lost). The writer's queue is bounded too: when it is full {@link #enqueue}
 * refuses at once, counted (WRITER_FULL); it never blocks its caller, a device-event worker.
 * Telemetry is refused first: the last {@link #WRITER_HEADROOM} places are kept for the other kinds.
 *
 * <p>Memory: the index (ids, kinds, sizes, states) of every held entry is in memory, the messages
 * of at most {@link #WARM_ENTRIES} / {@link #WARM_BYTES} of them. Past that, an entry's message
 * leaves memory once its row is committed ("cold") and {@link #takeNext} reads it back from SQLite
 * with the cold entries behind it, {@link #READ_BATCH} at a time, on the storage thread (measured
 * with {@code ./hearth bench backlog-drain}: with every payload in memory, 360,000 queued telemetry
 * did not fit in a 128 MB heap). Retained kinds are coalesced per topic: a newer state replaces a queued older one (only the
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
    /** Inserts the writer may have pending: with 500 per commit, 20 commits' worth. */
    static final int WRITER_CAPACITY = 10_000;
    /** Places in the writer's queue that telemetry may not take (replies, states and availability may). */
    static final int WRITER_HEADROOM = 1_000;
    /** Held entries whose messages stay in memory; the others are read back from disk when they come up. */
    static final int WARM_ENTRIES = 10_000;
    static final long WARM_BYTES = 8L << 20;
    /** Cold entries read back from disk in one go. */
    static final int READ_BATCH = 2_000;
    /** MQTT's own limit (268,435,455 bytes) until a CONNACK says less. */
    static final long MQTT_MAX_PACKET = 268_435_455L;

    /** The outbox's tables, applied when the database opens. */
    public static final dev.hearth.core.storage.Schema SCHEMA = OutboxStore.SCHEMA;

    private final OutboxStore store;
    private final OutboxLimits limits;
    private final Clock clock;
    private final CloudCounters counters;
    private final SlotIndex slots = new SlotIndex();
    private final int warmEntries;
    private final List<Runnable> readyListeners = new CopyOnWriteArrayList<>();
    private final RateLimitedLog refusals;
    private volatile long maxPacket = MQTT_MAX_PACKET;
    private volatile ToLongFunction<OutboundMessage> packetSize = OutboundMessage::size;
    private long lastId;
    private long session;

    private Outbox(OutboxStore store, OutboxLimits limits, Clock clock, CloudCounters counters, int warmEntries) {
        this.store = store;
        this.warmEntries = warmEntries;
        this.limits = limits;
        this.clock = clock;
        this.counters = counters;
        this.refusals = new RateLimitedLog(log, clock, Duration.ofMinutes(1));
    }

    /** Opens the outbox in {@code db}; what a previous run left (queued or in flight) is QUEUED again. */
    public static Outbox open(Database db, OutboxLimits limits, Clock clock, CloudCounters counters) {
        return open(db, limits, clock, counters, WARM_ENTRIES);
    }

    /** As {@link #open(Database, OutboxLimits, Clock, CloudCounters)}, with at most {@code warmEntries} messages in memory. */
    static Outbox open(Database db, OutboxLimits limits, Clock clock, CloudCounters counters, int warmEntries) {
        var store = new OutboxStore(db, limits.commitBatch(), limits.commitWindow(), WRITER_CAPACITY);
        var outbox = new Outbox(store, limits, clock, counters, warmEntries);
        OutboxStore.Loaded loaded = store.loadAll(warmEntries);
        List<OutboxStore.Stored> stored = loaded.rows();
        loaded.unreadable().forEach(store::delete);
        synchronized (outbox) {
            for (OutboxStore.Stored st : stored) {
                Slot slot = st.slot();
                slot.attempts = st.attempts();
                slot.linkLosses = st.linkLosses();
                outbox.slots.admit(slot);
                outbox.lastId = Math.max(outbox.lastId, slot.id);
            }
            Map<String, Long> meta = store.meta();
            outbox.lastId = Math.max(outbox.lastId, meta.getOrDefault("outbox.last_id", 0L));
            outbox.maxPacket = meta.getOrDefault("broker.max_packet", MQTT_MAX_PACKET);
            // read here, once: no call waits for the storage thread under the outbox's lock
            outbox.session = meta.getOrDefault("gateway.session", 0L);
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
     * the broker takes, when storage is failing, or when the writer is full. Never waits.
     */
    public CompletionStage<Long> enqueue(OutboundMessage message) {
        if (!fits(message)) {
            return refuse(message, DropReason.TOO_LARGE, message + " is larger than the broker's maximum packet size ("
                    + packetSize.applyAsLong(message) + " > " + maxPacket + " bytes)");
        }
        if (store.failing()) {
            return refuse(message, DropReason.STORAGE, message + " refused: the outbox cannot write to disk");
        }
        if (!store.reserve(message.kind().droppable(), WRITER_HEADROOM)) {
            return refuse(message, DropReason.WRITER_FULL, message + " refused: the outbox's writer is full (disk slower than the intake)");
        }
        CompletableFuture<Long> durable;
        synchronized (this) {
            long seq = ++lastId;
            long position = seq;
            Slot older = message.kind().retained() ? slots.queuedRetained(message.topic()) : null;
            if (older != null) {
                // Never-sent: no late PUBACK can name its id, so the newer value may take it over.
                if (!older.sent) position = older.id;
                finish(older, EntryState.DROPPED);
                counters.coalesced(message.kind());
            }
            var entry = new OutboxEntry(position, message, clock.millis());
            var slot = new Slot(entry, seq);
            durable = store.insert(entry); // after the older row's delete: the store runs writes in order
            slots.admit(slot);
            // Past the memory budget, its message leaves memory once the row is committed.
            if (overWarmBudget()) durable.thenRun(() -> cool(slot));
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

    private boolean overWarmBudget() {
        return slots.warmCount() > warmEntries || slots.warmBytes() > WARM_BYTES;
    }

    /** Storage thread, once {@code s}'s row is committed: its message leaves memory if the outbox is still over budget. */
    private synchronized void cool(Slot s) {
        if (s.state == EntryState.QUEUED && overWarmBudget()) slots.cool(s);
    }

    /**
     * The next entry to publish, now IN_FLIGHT (an attempt counted); aged-out and oversized entries
     * on the way are dropped. When the next one is cold, it and up to {@link #READ_BATCH} cold ones
     * behind it are read back from disk first: the caller (the link's thread) waits for the storage
     * thread then, without holding the outbox's lock. Empty also when that read fails (logged).
     */
    public Optional<OutboxEntry> takeNext() {
        while (true) {
            List<Slot> cold;
            synchronized (this) {
                Optional<Slot> next = nextSendable();
                if (next.isEmpty()) return Optional.empty();
                Slot s = next.get();
                if (s.warm()) {
                    slots.move(s, EntryState.IN_FLIGHT);
                    s.attempts++;
                    s.released = false;
                    return Optional.of(s.entry());
                }
                cold = slots.coldFrom(s, READ_BATCH);
            }
            Map<Long, OutboundMessage> read;
            try {
                read = store.messages(cold);
            } catch (StorageException e) {
                refusals.warn("outbox: cannot read queued messages back from disk: " + e.getMessage());
                return Optional.empty();
            }
            synchronized (this) {
                for (Slot s : cold) {
                    if (s.state != EntryState.QUEUED || slots.held(s.id) != s) continue; // acked, dropped or replaced meanwhile
                    OutboundMessage m = read.get(s.id);
                    if (m != null) {
                        slots.warm(s, m);
                    } else {
                        drop(s, DropReason.STORAGE, s + " is no longer on disk");
                    }
                }
            }
        }
    }

    /** The first QUEUED entry that may go now, warm or cold; aged-out and (warm) oversized ones on the way are dropped. */
    private Optional<Slot> nextSendable() {
        long now = clock.millis();
        long oldest = now - limits.maxAge().toMillis();
        for (Optional<Slot> next = slots.firstReady(now); next.isPresent(); next = slots.firstReady(now)) {
            Slot s = next.get();
            if (!s.kind.retained() && s.createdMs < oldest) {
                drop(s, DropReason.AGE, null);
                continue;
            }
            if (s.warm() && !fits(s.message)) {
                drop(s, DropReason.TOO_LARGE, s + " is larger than the broker's maximum packet size (" + maxPacket + " bytes)");
                continue;
            }
            return next;
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
        counters.delivered(s.kind);
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
                drop(s, DropReason.REJECTED, "the broker refused " + s + " " + s.refusals + " times");
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
                drop(blamed, DropReason.LINK_KILLER, "the link was lost right after publishing " + blamed + " "
                        + blamed.linkLosses + " times; set aside so the messages behind it can go");
            } else {
                retry(blamed);
            }
        }
        List<Slot> inFlight = slots.inFlightSlots();
        for (Slot s : inFlight) {
            if (s.attempts >= MAX_ATTEMPTS) {
                drop(s, DropReason.ATTEMPTS, s + " was published " + s.attempts + " times without an acknowledgement");
            } else {
                slots.move(s, EntryState.QUEUED);
                store.attempts(s.id, s.attempts, s.linkLosses);
            }
        }
        return inFlight.size() + (blamed != null && blamed.state == EntryState.QUEUED ? 1 : 0);
    }

    /** Back to QUEUED (from wherever), waiting RETRY_DELAY x 2^(attempts - 1); or DROPPED after MAX_ATTEMPTS. True when it waits. */
    private boolean retry(Slot s) {
        if (s.attempts >= MAX_ATTEMPTS) {
            drop(s, DropReason.ATTEMPTS, s + " was published " + s.attempts + " times without an acknowledgement");
            return false;
        }
        long delay = Math.min(MAX_RETRY_DELAY.toMillis(), RETRY_DELAY.toMillis() << Math.min(16, Math.max(0, s.attempts - 1)));
        slots.defer(s, clock.millis() + delay);
        store.attempts(s.id, s.attempts, s.linkLosses);
        return true;
    }

    /**
     * The next gateway session number (1, 2, ...), kept in the same database so it keeps growing
     * across restarts; the birth and the will of one broker connection carry it.
     */
    public synchronized long nextSession() {
        session++;
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
                counters.coalesced(s.kind);
                n++;
            }
        }
        return n;
    }

    /**
     * Drops every QUEUED entry whose message matches {@code which} (an erasure: the messages name a
     * user who withdrew consent), counted as {@link DropReason#ERASED}. Entries already in flight
     * are in the client's hands and are not recalled. Cold messages are read back from disk in
     * batches (the caller waits for the storage thread). Returns how many were dropped.
     */
    public int purgeQueued(Predicate<OutboundMessage> which) {
        List<Slot> queued;
        synchronized (this) {
            queued = slots.queuedSlots();
        }
        int n = 0;
        for (List<Slot> batch : batches(queued)) {
            Map<Long, OutboundMessage> messages = messagesOf(batch);
            synchronized (this) {
                for (Slot s : batch) {
                    OutboundMessage m = messages.get(s.id);
                    if (m != null && s.state == EntryState.QUEUED && which.test(m)) {
                        drop(s, DropReason.ERASED, null);
                        n++;
                    }
                }
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
            if (!s.kind.retained() && s.createdMs < oldest) {
                drop(s, DropReason.AGE, null);
                n++;
            }
        }
        return n;
    }

    /**
     * The held entries (queued and in flight) whose message matches {@code which}, in id order.
     * Cold messages are read back from disk in batches (the caller waits for the storage thread).
     */
    public List<OutboxEntry> held(Predicate<OutboundMessage> which) {
        List<Slot> held;
        synchronized (this) {
            held = slots.queuedSlots();
            held.addAll(slots.inFlightSlots());
        }
        TreeMap<Long, OutboxEntry> out = new TreeMap<>();
        for (List<Slot> batch : batches(held)) {
            Map<Long, OutboundMessage> messages = messagesOf(batch);
            for (Slot s : batch) {
                OutboundMessage m = messages.get(s.id);
                if (m != null && which.test(m)) out.put(s.id, new OutboxEntry(s.id, m, s.createdMs));
            }
        }
        return List.copyOf(out.values());
    }

    private static List<List<Slot>> batches(List<Slot> all) {
        var out = new ArrayList<List<Slot>>();
        for (int i = 0; i < all.size(); i += READ_BATCH) out.add(all.subList(i, Math.min(all.size(), i + READ_BATCH)));
        return out;
    }

    /** The messages of {@code batch}: the warm ones from memory, the cold ones from disk. Not under the lock. */
    private Map<Long, OutboundMessage> messagesOf(List<Slot> batch) {
        Map<Long, OutboundMessage> out = new HashMap<>();
        List<Slot> cold = new ArrayList<>();
        synchronized (this) {
            for (Slot s : batch) {
                if (s.warm()) out.put(s.id, s.message);
                else cold.add(s);
            }
        }
        out.putAll(store.messages(cold));
        return out;
    }

    public synchronized OutboxStats stats() {
        return new OutboxStats(slots.queuedCount(), slots.inFlightCount(), slots.bytes(), slots.warmCount());
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
        counters.dropped(s.kind, reason);
        if (why != null) refusals.warn("outbox: " + why + "; dropped (" + reason + ")");
    }

    /** To ACKED or DROPPED: forgotten in memory, deleted on disk. */
    private void finish(Slot s, EntryState end) {
        slots.move(s, end);
        store.delete(s.id);
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
