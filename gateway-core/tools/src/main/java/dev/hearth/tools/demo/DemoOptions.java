package dev.hearth.tools.demo;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the user chose for {@code hearth demo}.
 *
 * @param httpPort   the web page and API port on the host's 127.0.0.1
 * @param brokerPort the stand-in cloud's MQTT port on the host's 127.0.0.1
 * @param duration   stop after this long; empty: run until Ctrl-C
 */
public record DemoOptions(int httpPort, int brokerPort, Optional<Duration> duration) {
    public DemoOptions {
        if (httpPort < 1 || httpPort > 65535) throw new IllegalArgumentException("--http-port must be 1-65535, got " + httpPort);
        if (brokerPort < 1 || brokerPort > 65535) throw new IllegalArgumentException("--broker-port must be 1-65535, got " + brokerPort);
        if (httpPort == brokerPort) throw new IllegalArgumentException("--http-port and --broker-port must differ, both are " + httpPort);
        Objects.requireNonNull(duration, "duration");
        if (duration.isPresent() && (duration.get().isNegative() || duration.get().isZero())) {
            throw new IllegalArgumentException("--duration must be at least 1 second");
        }
    }
}
