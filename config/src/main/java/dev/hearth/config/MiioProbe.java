package dev.hearth.config;

import java.time.Duration;

/**
 * How the miIO driver probes a device that stopped answering: first after {@code initial}, backing off
 * to {@code max}; each probe is up to {@code pings} pings {@code pingInterval} apart.
 */
public record MiioProbe(Duration initial, Duration max, int pings, Duration pingInterval) {
    public MiioProbe {
        Checks.positive(initial, "initial");
        Checks.positive(max, "max");
        if (max.compareTo(initial) < 0) throw new IllegalArgumentException("probe max is below initial");
        Checks.atLeast(pings, 1, "pings");
        Checks.positive(pingInterval, "pingInterval");
    }

    public static MiioProbe defaults() {
        return new MiioProbe(Duration.ofSeconds(10), Duration.ofSeconds(60), 3, Duration.ofSeconds(2));
    }
}
