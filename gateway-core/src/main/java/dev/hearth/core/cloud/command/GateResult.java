package dev.hearth.core.cloud.command;

import dev.hearth.protocols.cloud.v1.CommandReply;
import java.util.Objects;

/** The command gate's verdict. */
public sealed interface GateResult {

    record Accepted(VerifiedCommand command) implements GateResult {
        public Accepted {
            Objects.requireNonNull(command, "command");
        }
    }

    /** Refused with the reply status; {@code requestId} is empty when the body could not be read. */
    record Refused(CommandReply.Status status, String reasonCode, String message, String requestId) implements GateResult {
        public Refused {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(reasonCode, "reasonCode");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(requestId, "requestId");
        }
    }
}
