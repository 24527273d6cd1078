package dev.hearth.core.cloud.outbox;

import dev.hearth.core.cloud.CloudCounters;
import dev.hearth.core.cloud.CloudCounters.DropReason;
import dev.hearth.core.cloud.MessageKind;
import dev.hearth.core.cloud.OutboundMessage;
import dev.hearth.core.cloud.OutboxLimits;
import dev.hearth.core.storage.Database;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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
 * dropped (counted); state, availability, registry, status and replies are never dropped for the
 * bound. Retained kinds are coalesced per topic: a newer state replaces a queued older one (only the
 * latest retained value matters) and takes its place in the queue, unless the older one was ever
 * sent; at the tail, a state that changes faster than a backlog drains would never be sent (measured
 * with {@code ./hearth bench cloud-gateway-throughput}: no state at all while telemetry saturated
 * the link). Telemetry and replies older than the max age are dropped when
 * they come up for sending. Thread-safe.
 */
public final class Outbox implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    /** A message the broker refuses this many times is dropped, so one bad message cannot block the queue. */
    static final int MAX_ATTEMPTS = 5;

    private static final class Slot {
        final OutboxEntry entry;
        /** When it was enqueued ({@link #lastId()} then); differs from the id when it took an older entry's place. */
        final long seq;
        EntryState state = EntryState.QUEUED;
        int attempts;
        boolean sent;

        Slot(OutboxEntry entry, long seq) {
            this.entry = entry;
            this.seq = seq;
        }
    }

    private final OutboxStore store;
    private final OutboxLimits limits;
    private final Clock clock;
    private final CloudCounters counters;
    private final TreeMap<Long, Slot> queued = new TreeMap<>();
    private final Map<Long, Slot> inFlight = new HashMap<>();
    private final Map<String, Slot> queuedRetained = new HashMap<>();
    private final List<Runnable> readyListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private long lastId;
    private long bytes;
    private long session;

    private Outbox(OutboxStore store, OutboxLimits limits, Clock clock, CloudCounters counters) {
        this.store = store;
        this.limits = limits;
        this.clock = clock;
        this.counters = counters;
    }

    /** Opens the outbox in {@code db}; what a previous run left (queued or in flight) is QUEUED again. */
    public static Outbox open(Database db, OutboxLimits limits, Clock clock, CloudCounters counters) {
        var store = new OutboxStore(db, limits.commitBatch(), limits.commitWindow());
        var outbox = new Outbox(store, limits, clock, counters);
        List<OutboxEntry> stored = store.loadAll();
        synchronized (outbox) {
            for (OutboxEntry e : stored) {
                outbox.admit(new Slot(e, e.id()));
                outbox.lastId = Math.max(outbox.lastId, e.id());
            }
            outbox.lastId = Math.max(outbox.lastId, store.meta("outbox.last_id", 0));
        }
        if (!stored.isEmpty()) log.info("outbox: {} messages from the previous run to send", stored.size());
        return outbox;
    }

    /** {@code listener} runs (on the enqueuing thread) whenever an entry becomes sendable. */
    public void onReady(Runnable listener) {
        readyListeners.add(listener);
    }

    /**
     * Queues {@code message}; it is sendable at once, and durable when the stage completes (with its id).
     * The stage completes exceptionally only if the disk write fails.
     */
    public CompletionStage<Long> enqueue(OutboundMessage message) {
        CompletableFuture<Long> durable;
        synchronized (this) {
            long seq = ++lastId;
            long position = seq;
            Slot older = message.kind().retained() ? queuedRetained.get(message.topic()) : null;
            if (older != null) {
                // Never-sent: no late PUBACK can name its id, so the newer value may take it over.
                if (!older.sent) position = older.entry.id();
                finish(older, EntryState.DROPPED);
                counters.coalesced(message.kind());
            }
            var slot = new Slot(new OutboxEntry(position, message, clock.millis()), seq);
            durable = store.insert(slot.entry); // after the older row's delete: the store runs writes in order
            admit(slot);
            enforceBound();
        }
        readyListeners.forEach(Runnable::run);
        return durable;
    }

    /** The next entry to publish, now IN_FLIGHT; aged-out entries on the way are dropped. */
    public synchronized Optional<OutboxEntry> takeNext() {
        long oldest = clock.millis() - limits.maxAge().toMillis();
        while (!queued.isEmpty()) {
            Slot s = queued.firstEntry().getValue();
            if (!s.entry.message().kind().retained() && s.entry.createdMs() < oldest) {
                finish(s, EntryState.DROPPED);
                counters.dropped(s.entry.message().kind(), DropReason.AGE);
                continue;
            }
            move(s, EntryState.IN_FLIGHT);
            return Optional.of(s.entry);
        }
        return Optional.empty();
    }

    /** The broker acknowledged entry {@code id}: it is done and deleted. Unknown ids are ignored. */
    public synchronized void acked(long id) {
        Slot s = inFlight.get(id);
        if (s == null) s = queued.get(id); // a late PUBACK from a connection already given up
        if (s == null) return;
        finish(s, EntryState.ACKED);
        counters.delivered(s.entry.message().kind());
    }

    /** The broker refused entry {@code id} (a PUBACK reason code of 0x80 or more): back to QUEUED, or DROPPED after too many refusals. */
    public void failed(long id) {
        boolean ready = false;
        synchronized (this) {
            Slot s = inFlight.get(id);
            if (s == null) return;
            if (++s.attempts >= MAX_ATTEMPTS) {
                finish(s, EntryState.DROPPED);
                counters.dropped(s.entry.message().kind(), DropReason.REJECTED);
                log.warn("outbox: the broker refused {} {} times; dropped", s.entry.message(), MAX_ATTEMPTS);
            } else {
                move(s, EntryState.QUEUED);
                ready = true;
            }
        }
        if (ready) readyListeners.forEach(Runnable::run);
    }

    /** Publishing entry {@code id} did not happen (client busy or disconnecting): back to QUEUED, no attempt counted. */
    public synchronized void release(long id) {
        Slot s = inFlight.get(id);
        if (s != null) move(s, EntryState.QUEUED);
    }

    /** The connection is gone: every IN_FLIGHT entry is QUEUED again, to be re-sent in id order. */
    public synchronized int requeueInFlight() {
        var slots = new ArrayList<>(inFlight.values());
        slots.forEach(s -> move(s, EntryState.QUEUED));
        return slots.size();
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
            Slot s = queuedRetained.get(topic);
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
    public synchronized int purgeQueued(java.util.function.Predicate<OutboundMessage> which) {
        int n = 0;
        for (Slot s : List.copyOf(queued.values())) {
            if (which.test(s.entry.message())) {
                finish(s, EntryState.DROPPED);
                counters.dropped(s.entry.message().kind(), DropReason.ERASED);
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
        for (Slot s : List.copyOf(queued.values())) {
            if (!s.entry.message().kind().retained() && s.entry.createdMs() < oldest) {
                finish(s, EntryState.DROPPED);
                counters.dropped(s.entry.message().kind(), DropReason.AGE);
                n++;
            }
        }
        return n;
    }

    /** The held entries (queued and in flight) whose message matches {@code which}, in id order. */
    public synchronized List<OutboxEntry> held(java.util.function.Predicate<OutboundMessage> which) {
        TreeMap<Long, OutboxEntry> out = new TreeMap<>();
        queued.values().forEach(s -> { if (which.test(s.entry.message())) out.put(s.entry.id(), s.entry); });
        inFlight.values().forEach(s -> { if (which.test(s.entry.message())) out.put(s.entry.id(), s.entry); });
        return List.copyOf(out.values());
    }

    public synchronized OutboxStats stats() {
        return new OutboxStats(queued.size(), inFlight.size(), bytes);
    }

    /** The state of entry {@code id}: ACKED or DROPPED once it is no longer held. */
    public synchronized EntryState state(long id) {
        Slot s = queued.get(id);
        if (s == null) s = inFlight.get(id);
        return s == null ? EntryState.ACKED : s.state;
    }

    /** Completes once everything enqueued so far is on disk. */
    public CompletionStage<Void> flush() {
        return store.flush();
    }

    private void admit(Slot s) {
        queued.put(s.entry.id(), s);
        bytes += s.entry.message().size();
        if (s.entry.message().kind().retained()) queuedRetained.put(s.entry.message().topic(), s);
    }

    private void enforceBound() {
        while (queued.size() + inFlight.size() > limits.maxEntries() || bytes > limits.maxBytes()) {
            Slot victim = oldestQueuedTelemetry();
            if (victim == null) return; // only undroppable kinds left: they may exceed the bound
            finish(victim, EntryState.DROPPED);
            counters.dropped(MessageKind.TELEMETRY, DropReason.BOUND);
        }
    }

    private Slot oldestQueuedTelemetry() {
        for (Iterator<Slot> it = queued.values().iterator(); it.hasNext(); ) {
            Slot s = it.next();
            if (s.entry.message().kind().droppable()) return s;
        }
        return null;
    }

    private void move(Slot s, EntryState next) {
        if (!s.state.canBecome(next)) throw new IllegalStateException("outbox entry " + s.entry.id() + ": " + s.state + " -> " + next);
        if (s.state == EntryState.QUEUED) {
            queued.remove(s.entry.id());
            queuedRetained.remove(s.entry.message().topic(), s);
        } else {
            inFlight.remove(s.entry.id());
        }
        s.state = next;
        if (next == EntryState.QUEUED) {
            queued.put(s.entry.id(), s);
            if (s.entry.message().kind().retained()) queuedRetained.putIfAbsent(s.entry.message().topic(), s);
        } else if (next == EntryState.IN_FLIGHT) {
            inFlight.put(s.entry.id(), s);
            s.sent = true;
        }
    }

    /** To ACKED or DROPPED: forgotten in memory, deleted on disk. */
    private void finish(Slot s, EntryState end) {
        move(s, end);
        bytes -= s.entry.message().size();
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
