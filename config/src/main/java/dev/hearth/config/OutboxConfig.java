package dev.hearth.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds of the durable outbox that holds telemetry while the broker is unreachable; past any bound
 * the oldest messages are dropped first (and counted).
 */
public record OutboxConfig(long maxMessages, DataSize maxBytes, Duration maxAge) {
    public OutboxConfig {
        if (maxMessages < 1) throw new IllegalArgumentException("maxMessages must be at least 1");
        Objects.requireNonNull(maxBytes, "maxBytes");
        if (maxBytes.bytes() < 1) throw new IllegalArgumentException("maxBytes must be positive");
        Checks.positive(maxAge, "maxAge");
    }

    public static OutboxConfig defaults() {
        return new OutboxConfig(100_000, DataSize.ofMegabytes(64), Duration.ofDays(7));
    }
}
