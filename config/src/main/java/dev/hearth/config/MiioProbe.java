package dev.hearth.config;

import java.time.Duration;

/**
 * How the miIO driver probes a device that stopped answering: first after {@code initial}, backing off
 * to {@code max}; each probe is up to {@code pings} pings {@code pingInterval} apart. Every request
 * waits {@code requestTimeout} for its reply and is sent again up to {@code retries} times (pings
 * are sent once). A silent device is therefore OFFLINE at most one poll interval plus
 * {@code requestTimeout × (retries + 1)} plus {@code pings × (pingInterval + requestTimeout)} after
 * it went quiet.
 */
public record MiioProbe(Duration initial, Duration max, int pings, Duration pingInterval, Duration requestTimeout, int retries) {
    public MiioProbe {
        Checks.positive(initial, "initial");
        Checks.positive(max, "max");
        if (max.compareTo(initial) < 0) throw new IllegalArgumentException("probe max is below initial");
        Checks.atLeast(pings, 1, "pings");
        Checks.positive(pingInterval, "pingInterval");
        Checks.positive(requestTimeout, "requestTimeout");
        Checks.atLeast(retries, 0, "retries");
    }

    public static MiioProbe defaults() {
        return new MiioProbe(Duration.ofSeconds(10), Duration.ofSeconds(60), 3, Duration.ofSeconds(2), Duration.ofSeconds(2), 2);
    }
}
