package dev.hearth.driver.api;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Timing settings from the gateway's {@code online} config section, plus driver-specific options
 * (e.g. {@code miio.pollInterval}).
 *
 * @param heartbeatMisses  how many heartbeat intervals may pass without one before HEARTBEAT_TIMEOUT
 * @param commandTimeout   default time a device has to answer a command
 * @param reconnectMin     first reconnect delay; doubles per failure, with jitter
 * @param reconnectMax     the longest reconnect delay
 */
public record DriverSettings(int heartbeatMisses, Duration commandTimeout, Duration reconnectMin,
                             Duration reconnectMax, Map<String, String> options) {
    public DriverSettings {
        if (heartbeatMisses < 1) throw new IllegalArgumentException("heartbeatMisses must be at least 1");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(reconnectMin, "reconnectMin");
        Objects.requireNonNull(reconnectMax, "reconnectMax");
        if (reconnectMax.compareTo(reconnectMin) < 0) throw new IllegalArgumentException("reconnectMax < reconnectMin");
        options = Map.copyOf(options);
    }

    public static DriverSettings defaults() {
        return new DriverSettings(3, Duration.ofSeconds(5), Duration.ofMillis(500), Duration.ofSeconds(60), Map.of());
    }
}
