package dev.hearth.core.privacy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;

/**
 * Logs a value that does not match its declaration once per (model, field), with the expected
 * and received types, never the value. Remembers at most {@code bound} pairs; past that it says
 * once that it stops naming new ones (a device inventing field names must not grow memory).
 */
public final class MismatchLog {
    private final Logger log;
    private final int bound;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean full = new AtomicBoolean();

    public MismatchLog(Logger log, int bound) {
        if (bound < 1) throw new IllegalArgumentException("bound must be positive");
        this.log = log;
        this.bound = bound;
    }

    /** Logs {@code what} for this pair unless it was logged before. */
    public void once(String model, String field, String what, String expected, String received) {
        String pair = model + '\u0000' + field;
        if (seen.contains(pair)) return;
        if (seen.size() >= bound) {
            if (full.compareAndSet(false, true)) {
                log.warn("{} more (model, field) pairs dropped for their type or bounds; not naming further ones", what);
            }
            return;
        }
        if (seen.add(pair)) {
            log.warn("model {} field {}: {} (expected {}, received {}); dropped, and not logged again",
                    LogText.safe(model), LogText.safe(field), what, expected, received);
        }
    }
}
