package dev.hearth.protocols.cloud;

import dev.hearth.protocols.cloud.v1.CommandBody;
import dev.hearth.protocols.cloud.v1.SignedCommand;
import java.util.Objects;

/**
 * A well-formed command whose signature has NOT been checked yet: nothing may act on {@link #body()}
 * before the command gate verifies {@code envelope.signature} over {@code envelope.body}.
 */
public record UnverifiedCommand(SignedCommand envelope, CommandBody body) {
    public UnverifiedCommand {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(body, "body");
    }
}
