package dev.hearth.core.devices;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The addresses at which someone claimed to be one adopted device and did not prove it (refused,
 * or silent) or proved it while the adopted session was live (a collision), each remembered for
 * a while so a repeating announcement does not dial it again and again. At most {@link #LIMIT}
 * addresses per device, the oldest forgotten first. Guarded by the session table's lock.
 */
final class ClaimMemory {
    static final int LIMIT = 8;

    enum Outcome { REFUSED, SILENT, COLLISION }

    private record Entry(Outcome outcome, Instant at) { }

    private final Duration keep;
    private final Map<InetSocketAddress, Entry> entries = new LinkedHashMap<>();

    ClaimMemory(Duration keep) {
        this.keep = keep;
    }

    /** Records {@code outcome} at {@code address}; returns true the first time this address gets this outcome (to log once). */
    boolean remember(InetSocketAddress address, Outcome outcome, Instant now) {
        Entry old = entries.remove(address);
        entries.put(address, new Entry(outcome, now));
        while (entries.size() > LIMIT) entries.remove(entries.keySet().iterator().next());
        return old == null || old.outcome() != outcome;
    }

    /** What happened at {@code address}, if it is still remembered. */
    Optional<Outcome> recall(InetSocketAddress address, Instant now) {
        Entry e = entries.get(address);
        if (e == null) return Optional.empty();
        if (e.at().plus(keep).isBefore(now)) {
            entries.remove(address);
            return Optional.empty();
        }
        return Optional.of(e.outcome());
    }

    /** A collision address still remembered, to try again once the adopted session is down. */
    Optional<InetSocketAddress> collision(Instant now) {
        return entries.entrySet().stream().filter(e -> e.getValue().outcome() == Outcome.COLLISION)
                .filter(e -> !e.getValue().at().plus(keep).isBefore(now)).map(Map.Entry::getKey).findFirst();
    }

    void forget(InetSocketAddress address) {
        entries.remove(address);
    }
}
