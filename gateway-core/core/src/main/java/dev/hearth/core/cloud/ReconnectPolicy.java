package dev.hearth.core.cloud;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Delay before reconnect attempt {@code n}: exponential from {@code initial}, capped at
 * {@code max}, with a random jitter of up to {@code jitter} (0..1) of the delay taken off, so a
 * fleet of gateways does not reconnect in step after a broker restart.
 */
public record ReconnectPolicy(Duration initial, Duration max, double multiplier, double jitter) {
    public ReconnectPolicy {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero()) throw new IllegalArgumentException("initial delay must be positive");
        if (max.compareTo(initial) < 0) throw new IllegalArgumentException("max delay below the initial delay");
        if (!(multiplier >= 1.0) || multiplier > 10) throw new IllegalArgumentException("multiplier must be in [1, 10]");
        if (!(jitter >= 0.0) || jitter > 1.0) throw new IllegalArgumentException("jitter must be in [0, 1]");
    }

    public static ReconnectPolicy defaults() {
        return new ReconnectPolicy(Duration.ofMillis(500), Duration.ofSeconds(60), 2.0, 0.2);
    }

    /**
     * The delay before attempt {@code attempt} (1 = the first retry after a loss).
     *
     * @param random a supplier of uniform values in [0, 1)
     */
    public Duration delay(int attempt, DoubleSupplier random) {
        if (attempt < 1) throw new IllegalArgumentException("attempt starts at 1");
        double base = initial.toMillis() * Math.pow(multiplier, Math.min(attempt - 1, 62));
        double capped = Math.min(base, max.toMillis());
        double r = random.getAsDouble();
        if (!(r >= 0.0) || r >= 1.0) throw new IllegalArgumentException("random value outside [0, 1): " + r);
        long millis = Math.round(capped * (1.0 - jitter * r));
        return Duration.ofMillis(Math.max(1, millis));
    }
}
