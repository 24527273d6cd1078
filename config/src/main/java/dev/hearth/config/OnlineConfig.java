package dev.hearth.config;

import dev.hearth.driver.api.Backoff;
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
 * @param nativeHealthyAfter how long a native session must stay up before the reconnect backoff starts
 *                         again from its minimum (a device dropped sooner keeps backing off)
 */
public record OnlineConfig(int heartbeatMisses, Duration commandTimeout, Backoff reconnect, FlapDamping flapDamping,
                           Duration miioPollInterval, MiioProbe miioProbe, Duration nativeHealthyAfter) {
    public OnlineConfig {
        Checks.atLeast(heartbeatMisses, 1, "heartbeatMisses");
        Checks.positive(commandTimeout, "commandTimeout");
        Objects.requireNonNull(reconnect, "reconnect");
        Objects.requireNonNull(flapDamping, "flapDamping");
        Checks.positive(miioPollInterval, "miioPollInterval");
        Objects.requireNonNull(miioProbe, "miioProbe");
        Objects.requireNonNull(nativeHealthyAfter, "nativeHealthyAfter");
        if (nativeHealthyAfter.isNegative() || nativeHealthyAfter.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("nativeHealthyAfter must be between 0 and 1 day");
        }
    }

    /** With {@code nativeHealthyAfter} at its default, 30 s. */
    public OnlineConfig(int heartbeatMisses, Duration commandTimeout, Backoff reconnect, FlapDamping flapDamping,
                        Duration miioPollInterval, MiioProbe miioProbe) {
        this(heartbeatMisses, commandTimeout, reconnect, flapDamping, miioPollInterval, miioProbe, DEFAULT_NATIVE_HEALTHY_AFTER);
    }

    public static final Duration DEFAULT_NATIVE_HEALTHY_AFTER = Duration.ofSeconds(30);

    public static OnlineConfig defaults() {
        return new OnlineConfig(3, Duration.ofSeconds(5), Backoff.doubling(Duration.ofMillis(500), Duration.ofSeconds(60)),
                FlapDamping.defaults(), Duration.ofSeconds(10), MiioProbe.defaults());
    }
}
