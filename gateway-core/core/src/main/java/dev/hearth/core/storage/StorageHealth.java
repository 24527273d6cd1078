package dev.hearth.core.storage;

import dev.hearth.core.logging.ratelimit.RateLimitedLog;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the stores of one database can write (DESIGN.md section 7, storage faults): a store that
 * fails a write (disk full, read-only file system) reports it here and the gateway is not ready,
 * with the reason, until that store writes again. Each failure is counted (the listeners: the
 * {@code hearth_storage_errors_total{store}} counter); the log gets one line per store per minute,
 * not one per failed commit. Thread-safe.
 */
public final class StorageHealth {
    private static final Logger log = LoggerFactory.getLogger(StorageHealth.class);
    static final Duration LOG_EVERY = Duration.ofMinutes(1);

    private final Clock clock;
    private final Map<String, String> failing = new ConcurrentHashMap<>();
    private final Map<String, RateLimitedLog> logs = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Consumer<String>> errorListeners = new CopyOnWriteArrayList<>();
    private final RateLimitedLog eventLoopWaits;

    public StorageHealth(Clock clock) {
        this.clock = clock;
        this.eventLoopWaits = new RateLimitedLog(log, clock, LOG_EVERY);
    }

    /** An event loop thread waited for {@code store}'s storage work: it must not (DESIGN.md 5.3); logged once a minute. */
    void waitedOnEventLoop(String store, String thread) {
        eventLoopWaits.warn("storage: " + store + " was waited for on the event loop thread " + thread
                + "; that work belongs on a worker");
    }

    /** {@code listener} gets the store's name on every failed write (cheap and non-blocking, please). */
    public void onError(Consumer<String> listener) {
        errorListeners.add(listener);
    }

    /**
     * A write of {@code store} failed because of {@code why} (one line, no stack trace). The first
     * reason stands until the store writes again: it says why the trouble began (disk full), where a
     * later retry may fail for a knock-on reason.
     */
    public void failed(String store, String why) {
        failing.putIfAbsent(store, why);
        errorListeners.forEach(l -> l.accept(store));
        logs.computeIfAbsent(store, s -> new RateLimitedLog(log, clock, LOG_EVERY))
                .error("storage: a write of " + store + " failed: " + why + "; the gateway is not ready until it succeeds");
    }

    /** A write of {@code store} succeeded: if it was failing, it has recovered. */
    public void succeeded(String store) {
        if (failing.remove(store) != null) {
            log.info("storage: {} writes again", store);
            RateLimitedLog l = logs.get(store);
            if (l != null) l.reset();
        }
    }

    /** Why storage is not healthy ("outbox: [SQLITE_FULL] ..."), or empty when every store writes. */
    public Optional<String> problem() {
        if (failing.isEmpty()) return Optional.empty();
        var b = new StringBuilder();
        new java.util.TreeMap<>(failing).forEach((store, why) -> b.append(b.length() == 0 ? "" : "; ").append(store).append(": ").append(why));
        return Optional.of(b.toString());
    }

    public boolean healthy() {
        return failing.isEmpty();
    }

    /** Whether {@code store} is failing now. */
    public boolean failing(String store) {
        return failing.containsKey(store);
    }
}
