package dev.hearth.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits on signed commands from the cloud.
 *
 * @param clockSkew   how far a command's issue time may be in the future
 * @param maxValidity the longest expiry - issue time accepted
 * @param maxPayload  commands larger than this are refused before parsing
 */
public record CommandsConfig(Duration clockSkew, Duration maxValidity, DataSize maxPayload) {
    public CommandsConfig {
        Objects.requireNonNull(clockSkew, "clockSkew");
        if (clockSkew.isNegative()) throw new IllegalArgumentException("clockSkew must not be negative");
        Checks.positive(maxValidity, "maxValidity");
        Objects.requireNonNull(maxPayload, "maxPayload");
        if (maxPayload.bytes() < 1) throw new IllegalArgumentException("maxPayload must be positive");
    }

    public static CommandsConfig defaults() {
        return new CommandsConfig(Duration.ofSeconds(30), Duration.ofMinutes(5), DataSize.ofKilobytes(64));
    }
}
