package dev.hearth.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Online tracking and driver timing.
 *
 * @param heartbeatMisses  heartbeat intervals without one before HEARTBEAT_TIMEOUT (at least 1)
 * @param commandTimeout   default time a device has to answer a command
 * @param reconnect        driver reconnect backoff
 * @param flapDamping      damping of rapid online/offline changes
 * @param miioPollInterval how often the miIO driver polls properties
 * @param miioProbe        how the miIO driver probes a silent device
 */
public record OnlineConfig(int heartbeatMisses, Duration commandTimeout, Backoff reconnect, FlapDamping flapDamping,
                           Duration miioPollInterval, MiioProbe miioProbe) {
    public OnlineConfig {
        Checks.atLeast(heartbeatMisses, 1, "heartbeatMisses");
        Checks.positive(commandTimeout, "commandTimeout");
        Objects.requireNonNull(reconnect, "reconnect");
        Objects.requireNonNull(flapDamping, "flapDamping");
        Checks.positive(miioPollInterval, "miioPollInterval");
        Objects.requireNonNull(miioProbe, "miioProbe");
    }

    public static OnlineConfig defaults() {
        return new OnlineConfig(3, Duration.ofSeconds(5), new Backoff(Duration.ofMillis(500), Duration.ofSeconds(60)),
                FlapDamping.defaults(), Duration.ofSeconds(10), MiioProbe.defaults());
    }
}
