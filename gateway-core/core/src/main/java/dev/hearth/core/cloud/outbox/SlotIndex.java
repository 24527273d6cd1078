package dev.hearth.core.cloud.outbox;

import dev.hearth.core.cloud.MessageKind;
import dev.hearth.core.cloud.OutboundMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The outbox's held entries by state: QUEUED ones ready to go (in id order) or waiting after a
 * failure (until their notBefore), IN_FLIGHT ones, and the queued retained entry of each topic.
 * Moves obey {@link EntryState}. Not thread-safe: guarded by the {@link Outbox}'s lock.
 */
final class SlotIndex {
    private final TreeMap<Long, Slot> queued = new TreeMap<>();
    /** QUEUED entries that failed and wait for their notBefore; few, so scanned. */
    private final TreeMap<Long, Slot> waiting = new TreeMap<>();
    private final Map<Long, Slot> inFlight = new HashMap<>();
    private final Map<String, Slot> queuedRetained = new HashMap<>();
    private long bytes;
    /** Held entries whose message is in memory, and their payload bytes. */
    private int warm;
    private long warmBytes;

    /** A new entry (warm or cold), QUEUED. */
    void admit(Slot s) {
        queued.put(s.id, s);
        bytes += s.size;
        if (s.warm()) {
            warm++;
            warmBytes += s.size;
        }
        if (s.kind.retained()) queuedRetained.put(s.topic, s);
    }

    /** {@code s}'s message leaves memory (its row is committed): it is read back when it comes up. */
    void cool(Slot s) {
        if (!s.warm()) return;
        s.message = null;
        warm--;
        warmBytes -= s.size;
    }

    /** {@code s}'s message, read back from disk. */
    void warm(Slot s, OutboundMessage m) {
        if (s.warm()) return;
        s.message = m;
        warm++;
        warmBytes += s.size;
    }

    /**
     * Up to {@code max} cold QUEUED entries in send order from {@code first} (the cold head) on;
     * at most {@code 2 * max} entries are looked at.
     */
    List<Slot> coldFrom(Slot first, int max) {
        var out = new ArrayList<Slot>(Math.min(max, 1024));
        out.add(first);
        int looked = 0;
        for (Slot s : queued.tailMap(first.id, false).values()) {
            if (out.size() >= max || ++looked > 2 * max) break;
            if (!s.warm()) out.add(s);
        }
        return out;
    }

    void move(Slot s, EntryState next) {
        if (!s.state.canBecome(next)) throw new IllegalStateException("outbox entry " + s.id + ": " + s.state + " -> " + next);
        if (s.state == EntryState.QUEUED) {
            if (queued.remove(s.id) == null) waiting.remove(s.id);
            queuedRetained.remove(s.topic, s);
        } else {
            inFlight.remove(s.id);
        }
        s.state = next;
        if (next == EntryState.QUEUED) {
            queued.put(s.id, s);
            if (s.kind.retained()) queuedRetained.putIfAbsent(s.topic, s);
        } else if (next == EntryState.IN_FLIGHT) {
            inFlight.put(s.id, s);
            s.sent = true;
        } else {
            bytes -= s.size; // ACKED or DROPPED: no longer held
            cool(s);
        }
    }

    /** {@code s}, QUEUED (from wherever), waits until {@code notBeforeMs}. */
    void defer(Slot s, long notBeforeMs) {
        s.notBeforeMs = notBeforeMs;
        if (s.state == EntryState.IN_FLIGHT) move(s, EntryState.QUEUED);
        if (queued.remove(s.id) != null || !waiting.containsKey(s.id)) waiting.put(s.id, s);
    }

    /** The first QUEUED entry ready at {@code now} (waiting ones whose time came are ready again). */
    Optional<Slot> firstReady(long now) {
        for (Iterator<Slot> it = waiting.values().iterator(); it.hasNext(); ) {
            Slot s = it.next();
            if (s.notBeforeMs <= now) {
                it.remove();
                queued.put(s.id, s);
            }
        }
        return queued.isEmpty() ? Optional.empty() : Optional.of(queued.firstEntry().getValue());
    }

    /** When the first waiting entry may go, or empty when none waits. */
    Optional<Long> nextDueMs() {
        return waiting.values().stream().map(s -> s.notBeforeMs).min(Long::compare);
    }

    /** The held entry {@code id}, in whatever state. */
    Slot held(long id) {
        Slot s = inFlight.get(id);
        if (s == null) s = queued.get(id);
        if (s == null) s = waiting.get(id);
        return s;
    }

    Slot inFlight(long id) {
        return inFlight.get(id);
    }

    List<Slot> inFlightSlots() {
        return new ArrayList<>(inFlight.values());
    }

    /** Every QUEUED entry, ready ones first, then waiting ones, each in id order. */
    List<Slot> queuedSlots() {
        var all = new ArrayList<Slot>(queued.size() + waiting.size());
        all.addAll(queued.values());
        all.addAll(waiting.values());
        return all;
    }

    /** The oldest QUEUED entry whose kind matches, or null. */
    Slot oldestQueued(Predicate<MessageKind> which) {
        for (Slot s : queued.values()) {
            if (which.test(s.kind)) return s;
        }
        for (Slot s : waiting.values()) {
            if (which.test(s.kind)) return s;
        }
        return null;
    }

    /** The QUEUED retained entry of {@code topic}, or null. */
    Slot queuedRetained(String topic) {
        return queuedRetained.get(topic);
    }

    int queuedCount() {
        return queued.size() + waiting.size();
    }

    int inFlightCount() {
        return inFlight.size();
    }

    int size() {
        return queuedCount() + inFlightCount();
    }

    long bytes() {
        return bytes;
    }

    int warmCount() {
        return warm;
    }

    long warmBytes() {
        return warmBytes;
    }
}
