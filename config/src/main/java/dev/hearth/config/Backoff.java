package dev.hearth.config;

import java.time.Duration;

/** A reconnect delay that starts at {@code min} and grows (doubling, with jitter) up to {@code max}. */
public record Backoff(Duration min, Duration max) {
    public Backoff {
        Checks.positive(min, "min");
        Checks.positive(max, "max");
        if (max.compareTo(min) < 0) throw new IllegalArgumentException("backoff max is below min");
    }
}
