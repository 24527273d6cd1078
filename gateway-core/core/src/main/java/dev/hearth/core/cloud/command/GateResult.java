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
     * {@code verifiedUser} is the signer's user when the signature held and only the permission
     * check refused (the reply may name them in clear), empty otherwise.
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
