package dev.hearth.driver.api;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * The one growing retry delay in Hearth: native reconnects, the cloud link's reconnects, miIO
 * re-probes and discovery's re-queries. Attempt {@code n} (0 = the first retry) waits
 * {@code min × multiplier^n}, capped at {@code max}, minus a random share of up to
 * {@code jitter} of it, so devices (or gateways) dropped together do not all retry in the same
 * instant. The jitter only ever shortens a delay: {@code max} is a hard bound, and the times the
 * design documents (OFFLINE within, back ONLINE within) can be read off it.
 *
 * <p>A value: it holds no attempt count and no random source; the caller keeps both (the
 * healthy-time reset of a native session, the link's failed attempts, a probe's growing interval).
 *
 * @param min        the first delay, positive
 * @param max        the cap, at least {@code min}
 * @param multiplier growth per attempt, in [1, 10] (1 is a fixed period)
 * @param jitter     the largest share taken off a delay, in [0, 1)
 */
public record Backoff(Duration min, Duration max, double multiplier, double jitter) {
    /** What every retry used before it had its own settings: doubling, up to a fifth taken off. */
    public static final double DEFAULT_MULTIPLIER = 2.0;
    public static final double DEFAULT_JITTER = 0.2;

    public Backoff {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (min.isNegative() || min.isZero()) throw new IllegalArgumentException("backoff min must be positive");
        if (max.compareTo(min) < 0) throw new IllegalArgumentException("backoff max is below min");
        if (!(multiplier >= 1.0) || multiplier > 10) throw new IllegalArgumentException("backoff multiplier must be in [1, 10]");
        if (!(jitter >= 0.0) || jitter >= 1.0) throw new IllegalArgumentException("backoff jitter must be in [0, 1)");
    }

    /** Doubling from {@code min} to {@code max}, up to a fifth taken off. */
    public static Backoff doubling(Duration min, Duration max) {
        return new Backoff(min, max, DEFAULT_MULTIPLIER, DEFAULT_JITTER);
    }

    /** A fixed period with up to {@code jitter} of it taken off (a periodic task that must not run in step). */
    public static Backoff every(Duration period, double jitter) {
        return new Backoff(period, period, 1.0, jitter);
    }

    /** The un-jittered delay of {@code attempt}: {@code min × multiplier^attempt}, at most {@code max}. */
    public Duration ceiling(int attempt) {
        if (attempt < 0) throw new IllegalArgumentException("attempt starts at 0: " + attempt);
        double nanos = min.toNanos() * Math.pow(multiplier, Math.min(attempt, 1000));
        long maxNanos = max.toNanos();
        return Duration.ofNanos(nanos >= maxNanos ? maxNanos : (long) nanos);
    }

    /**
     * The delay before {@code attempt} (0 = the first retry), jittered by {@code random}, a
     * supplier of uniform values in [0, 1); never above {@link #ceiling} and never zero.
     */
    public Duration delay(int attempt, DoubleSupplier random) {
        double r = random.getAsDouble();
        if (!(r >= 0.0) || r >= 1.0) throw new IllegalArgumentException("random value outside [0, 1): " + r);
        long ceiling = ceiling(attempt).toNanos();
        return Duration.ofNanos(Math.max(1, ceiling - (long) (ceiling * jitter * r)));
    }

    /** {@code d} with up to {@code jitter} of it taken off (for a caller that keeps the delay, not a count). */
    public Duration jittered(Duration d, DoubleSupplier random) {
        double r = random.getAsDouble();
        if (!(r >= 0.0) || r >= 1.0) throw new IllegalArgumentException("random value outside [0, 1): " + r);
        long nanos = d.toNanos();
        return Duration.ofNanos(Math.max(1, nanos - (long) (nanos * jitter * r)));
    }

    /** The delay after {@code current}: one attempt's growth, at most {@code max} (for a caller that keeps the delay, not a count). */
    public Duration grow(Duration current) {
        double nanos = current.toNanos() * multiplier;
        long maxNanos = max.toNanos();
        return Duration.ofNanos(nanos >= maxNanos ? maxNanos : Math.max(min.toNanos(), (long) nanos));
    }
}
