package dev.hearth.driver.nativeproto;

import java.time.Duration;
import java.util.Random;

/**
 * Reconnect delays: {@code min} doubled per failed attempt up to {@code max}, then jittered down
 * by up to a quarter so that devices dropped together do not all come back in the same instant.
 * Delays never exceed {@code max}.
 */
final class ReconnectBackoff {
    private final Duration min;
    private final Duration max;
    private final Random random;

    ReconnectBackoff(Duration min, Duration max, Random random) {
        if (min.isNegative() || min.isZero()) throw new IllegalArgumentException("reconnect min must be positive");
        if (max.compareTo(min) < 0) throw new IllegalArgumentException("reconnect max < min");
        this.min = min;
        this.max = max;
        this.random = random;
    }

    /** The delay before attempt {@code attempt} (0 for the first reconnect after a loss). */
    Duration delay(int attempt) {
        long ceiling = ceilingNanos(attempt);
        long jitter = (long) (random.nextDouble() * (ceiling / 4.0));
        return Duration.ofNanos(ceiling - jitter);
    }

    /** The un-jittered delay for {@code attempt}: {@code min * 2^attempt}, capped at {@code max}. */
    long ceilingNanos(int attempt) {
        long minNanos = min.toNanos();
        long maxNanos = max.toNanos();
        int shift = Math.min(Math.max(attempt, 0), 62);
        if (minNanos > (maxNanos >> shift)) return maxNanos;
        return Math.min(maxNanos, minNanos << shift);
    }
}
