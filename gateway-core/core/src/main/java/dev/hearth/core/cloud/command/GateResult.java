package dev.hearth.core.cloud.command;

import dev.hearth.protocols.cloud.v1.CommandReply;
import java.util.Objects;
import java.util.Optional;

/** The command gate's verdict. */
public sealed interface GateResult {

    record Accepted(VerifiedCommand command) implements GateResult {
        public Accepted {
            Objects.requireNonNull(command, "command");
        }
    }

    /**
     * Refused with the reply status; {@code requestId} is empty when the body could not be read;
     * {@code verifiedUser} is the user the signed body names when the signature held and that user
     * is what was refused (a reserved or invalid id; logged by its pseudonym only), empty otherwise.
     */
    record Refused(CommandReply.Status status, String reasonCode, String message, String requestId,
                   Optional<String> verifiedUser) implements GateResult {
        public Refused {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(reasonCode, "reasonCode");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(verifiedUser, "verifiedUser");
        }

        public Refused(CommandReply.Status status, String reasonCode, String message, String requestId) {
            this(status, reasonCode, message, requestId, Optional.empty());
        }
    }
}
