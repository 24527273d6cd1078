package dev.hearth.core.commands;

import dev.hearth.core.cloud.command.VerifiedCommand;
import dev.hearth.protocols.cloud.v1.CommandReply;
import java.util.concurrent.CompletionStage;

/**
 * The privacy operations of the command topic: {@code set_ux_consent} (the owner),
 * {@code withdraw_consent}, {@code export_user_data} and {@code erase_user_data} (the user
 * themself; erase also by the owner). Each checks who may ask and records what it did.
 */
@FunctionalInterface
public interface PrivacyCommands {
    CompletionStage<CommandReply> handle(VerifiedCommand command);
}
