package dev.hearth.core.cloud.command;

import dev.hearth.protocols.cloud.v1.CommandReply;
import java.time.Duration;

/**
 * What the command path measures, once per command, cloud and local alike: the operation
 * ({@code set_properties}, ..., or {@code unknown} when refused before its body could be read),
 * the reply's status and reason code, and the time from arrival to reply. Cheap and thread-safe.
 */
@FunctionalInterface
public interface CommandMetrics {
    void completed(VerifiedCommand.Origin origin, String operation, CommandReply.Status status, String reasonCode, Duration latency);

    /** Measures nothing. */
    static CommandMetrics none() {
        return (origin, operation, status, reasonCode, latency) -> { };
    }
}
