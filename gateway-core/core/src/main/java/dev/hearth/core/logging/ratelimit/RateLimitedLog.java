package dev.hearth.core.logging.ratelimit;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * A warning that may repeat thousands of times a second (a full disk, a flood of bad input) is
 * logged at most once per interval, with how many were suppressed since the last line. Thread-safe.
 */
public final class RateLimitedLog {
    private final Logger log;
    private final Clock clock;
    private final long intervalMs;
    private long lastMs = Long.MIN_VALUE;
    private long suppressed;

    public RateLimitedLog(Logger log, Clock clock, Duration interval) {
        this.log = log;
        this.clock = clock;
        this.intervalMs = interval.toMillis();
    }

    /** Logs {@code message} as a warning unless one was logged less than the interval ago. */
    public void warn(String message) {
        emit(message, false);
    }

    /** As {@link #warn}, at ERROR. */
    public void error(String message) {
        emit(message, true);
    }

    /** Forgets the interval: the next message is logged at once (after a recovery). */
    public synchronized void reset() {
        lastMs = Long.MIN_VALUE;
        suppressed = 0;
    }

    private void emit(String message, boolean error) {
        long skipped;
        synchronized (this) {
            long now = clock.millis();
            if (lastMs != Long.MIN_VALUE && now - lastMs < intervalMs) {
                suppressed++;
                return;
            }
            lastMs = now;
            skipped = suppressed;
            suppressed = 0;
        }
        String line = skipped == 0 ? message : message + " (" + skipped + " more like it not logged)";
        if (error) log.error(line);
        else log.warn(line);
    }

    /** {@code s} quoted for a log line: control characters escaped, at most 120 characters. */
    public static String quoted(String s) {
        var b = new StringBuilder("\"");
        for (int i = 0; i < s.length() && i < 120; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '"' || c == '\\') b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        if (s.length() > 120) b.append("...");
        return b.append('"').toString();
    }
}
