package dev.hearth.core.privacy.rights;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import dev.hearth.core.cloud.command.VerifiedCommand;
import dev.hearth.core.commands.PrivacyCommands;
import dev.hearth.core.privacy.ConsentStore;
import dev.hearth.protocols.cloud.v1.CommandReply;
import dev.hearth.protocols.cloud.v1.CommandReply.Status;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The privacy operations of the command topic (DESIGN.md section 1): {@code set_ux_consent} by the
 * home owner; {@code withdraw_consent} and {@code export_user_data} by the user themself;
 * {@code erase_user_data} by the user themself or the owner. Anyone else gets FORBIDDEN with the
 * reason. Replies carry what was done (or the export) as JSON in {@code data}.
 */
public final class PrivacyCommandHandler implements PrivacyCommands {
    private static final Logger LOG = LoggerFactory.getLogger(PrivacyCommandHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HeldData held;
    private final ConsentStore consent;
    private final UserErasure erasure;
    private final UserDataExport export;
    private final Clock clock;

    public PrivacyCommandHandler(HeldData held, UserErasure erasure, UserDataExport export, Clock clock) {
        this.held = held;
        this.consent = held.consent();
        this.erasure = erasure;
        this.export = export;
        this.clock = clock;
    }

    @Override
    public CompletionStage<CommandReply> handle(VerifiedCommand command) {
        String id = command.requestId();
        try {
            return CompletableFuture.completedFuture(switch (command.body().getOperationCase()) {
                case SET_UX_CONSENT -> setUxConsent(command);
                // taken whether or not the home holds anything about the user: it only stops data
                // (a lock's events may name them), so refusing it would let that data keep leaving
                case WITHDRAW_CONSENT -> ok(id, erasure.withdraw(command.user()).toJson());
                case EXPORT_USER_DATA -> held.holdsAnythingAbout(command.user())
                        ? ok(id, export.export(command.user())) : noData(id, command.user());
                case ERASE_USER_DATA -> eraseUserData(command);
                default -> reply(id, Status.INVALID_ARGUMENT, "unsupported_operation",
                        command.body().getOperationCase().name().toLowerCase() + " is not a privacy operation");
            });
        } catch (RuntimeException e) {
            // The user's request failed half-way or not at all: say so; the details stay in the log.
            LOG.error("privacy operation {} failed: {}", command.body().getOperationCase(), e.toString());
            return CompletableFuture.completedFuture(reply(id, Status.INTERNAL, "internal",
                    "the gateway could not carry out " + command.body().getOperationCase().name().toLowerCase()));
        }
    }

    private CommandReply setUxConsent(VerifiedCommand c) {
        if (!held.isOwner(c.user())) {
            return reply(c.requestId(), Status.FORBIDDEN, "not_owner",
                    "only the home owner can change the home's user-experience programme consent");
        }
        boolean joined = c.body().getSetUxConsent().getJoined();
        consent.setUxProgramme(joined, c.user(), clock.instant());
        ObjectNode o = JSON.createObjectNode().put("uxProgrammeJoined", joined);
        return ok(c.requestId(), o);
    }

    private CommandReply eraseUserData(VerifiedCommand c) {
        String subject = c.body().getEraseUserData().getSubject();
        if (subject.isBlank()) subject = c.user();
        if (!subject.equals(c.user()) && !held.isOwner(c.user())) {
            return reply(c.requestId(), Status.FORBIDDEN, "not_subject_or_owner",
                    "only the user themself or the home owner can erase a user's data");
        }
        if (!held.holdsAnythingAbout(subject)) return noData(c.requestId(), subject);
        return ok(c.requestId(), erasure.erase(subject, c.user()).toJson());
    }

    /** A request about someone the home holds nothing on (a typo, an erased-and-forgotten id): said, not an empty answer. */
    private static CommandReply noData(String requestId, String user) {
        return reply(requestId, Status.INVALID_ARGUMENT, "no_data", "no data held for user " + user);
    }

    private static CommandReply ok(String requestId, ObjectNode data) {
        try {
            return CommandReply.newBuilder().setSchemaVersion(1).setRequestId(requestId).setStatus(Status.OK)
                    .setData(ByteString.copyFrom(JSON.writeValueAsBytes(data))).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static CommandReply reply(String requestId, Status status, String code, String message) {
        return CommandReply.newBuilder().setSchemaVersion(1).setRequestId(requestId).setStatus(status)
                .setReasonCode(code).setMessage(message).build();
    }
}
