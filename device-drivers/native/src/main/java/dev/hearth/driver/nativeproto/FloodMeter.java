package dev.hearth.driver.nativeproto;

import java.time.Duration;
import java.time.Instant;

/**
 * Counts one connection's inbound messages per one-second window. A window over the limit is a
 * strike: the connection should pause reading for the rest of the window. {@code maxStrikes}
 * flooded windows in a row and the connection should be dropped. Not thread-safe: one per
 * connection, used on its event loop.
 */
final class FloodMeter {
    enum Verdict { OK, PAUSE, DISCONNECT }

    private static final Duration WINDOW = Duration.ofSeconds(1);

    private final int maxPerSecond;
    private final int maxStrikes;
    private Instant windowStart = Instant.MIN;
    private int count;
    private int strikes;
    private boolean struckThisWindow;

    FloodMeter(int maxPerSecond, int maxStrikes) {
        if (maxPerSecond < 1) throw new IllegalArgumentException("maxPerSecond must be positive");
        if (maxStrikes < 1) throw new IllegalArgumentException("maxStrikes must be positive");
        this.maxPerSecond = maxPerSecond;
        this.maxStrikes = maxStrikes;
    }

    /** Records one message received at {@code now}. */
    Verdict record(Instant now) {
        if (windowStart == Instant.MIN || !now.isBefore(windowStart.plus(WINDOW))) {
            boolean calmGap = windowStart == Instant.MIN || !now.isBefore(windowStart.plus(WINDOW.multipliedBy(2)));
            if (!struckThisWindow || calmGap) strikes = 0;
            windowStart = now;
            count = 0;
            struckThisWindow = false;
        }
        count++;
        if (count <= maxPerSecond) return Verdict.OK;
        if (!struckThisWindow) {
            struckThisWindow = true;
            strikes++;
        }
        return strikes >= maxStrikes ? Verdict.DISCONNECT : Verdict.PAUSE;
    }

    /** How long to stop reading after a PAUSE at {@code now}: until the current window ends. */
    Duration pauseAt(Instant now) {
        Duration left = Duration.between(now, windowStart.plus(WINDOW));
        return left.isNegative() || left.isZero() ? Duration.ofMillis(1) : left;
    }

    int limit() {
        return maxPerSecond;
    }
}
