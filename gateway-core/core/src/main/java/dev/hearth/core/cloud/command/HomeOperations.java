package dev.hearth.core.cloud.command;

import dev.hearth.protocols.cloud.v1.CommandReply;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Verified, authorized commands that are not device commands (rooms, shares, consent, read_state):
 * the registry and sharing work implement it. The reply's request_id is filled in by the caller.
 * The default answers INVALID_ARGUMENT "unsupported_operation".
 */
@FunctionalInterface
public interface HomeOperations {
    CompletionStage<CommandReply> handle(VerifiedCommand command);

    static HomeOperations unsupported() {
        return c -> CompletableFuture.completedFuture(CommandReply.newBuilder()
                .setStatus(CommandReply.Status.INVALID_ARGUMENT)
                .setReasonCode("unsupported_operation")
                .setMessage("this gateway does not handle " + c.body().getOperationCase().name().toLowerCase() + " yet")
                .build());
    }
}
