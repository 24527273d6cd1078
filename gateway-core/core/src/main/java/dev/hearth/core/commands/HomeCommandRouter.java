package dev.hearth.core.commands;

import dev.hearth.core.access.UserIds;
import dev.hearth.core.cloud.command.HomeOperations;
import dev.hearth.core.cloud.command.VerifiedCommand;
import dev.hearth.core.storage.StorageException;
import dev.hearth.protocols.cloud.v1.CommandReply;
import dev.hearth.protocols.cloud.v1.CommandReply.Status;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The home operations of the command topic (DESIGN.md section 6): reads, rooms, device placement
 * and sharing, each decided for the command's user when it is carried out (so a revocation or an
 * expiry counts from the very next command, even one that was already waiting) and audited by
 * {@link dev.hearth.core.access.AuditedAccess}; the privacy operations go to {@link PrivacyCommands}.
 * After every change the retained registry topic is refreshed. Refusals are replies with a status,
 * a reason code and a reason for people; nothing here throws.
 */
public final class HomeCommandRouter implements HomeOperations {
    private static final Logger LOG = LoggerFactory.getLogger(HomeCommandRouter.class);

    private final StateReads reads;
    private final RoomCommands rooms;
    private final ShareCommands shares;
    private final PrivacyCommands privacy;
    private final Optional<PolicyCommands> policy;

    public HomeCommandRouter(HomeParts parts, PrivacyCommands privacy) {
        this(parts, privacy, Optional.empty());
    }

    /** With {@code trust: users}: user-signed grants, accepts and revokes go to {@code trust}. */
    public HomeCommandRouter(HomeParts parts, PrivacyCommands privacy, Optional<dev.hearth.core.trust.TrustBook> trust) {
        Objects.requireNonNull(parts, "parts");
        this.reads = new StateReads(parts);
        this.rooms = new RoomCommands(parts, trust);
        this.shares = new ShareCommands(parts);
        this.privacy = Objects.requireNonNull(privacy, "privacy");
        this.policy = trust.map(t -> new PolicyCommands(t, parts.registryChanged()));
    }

    @Override
    public CompletionStage<CommandReply> handle(VerifiedCommand c) {
        // a reserved id (the erasure placeholder, a pseudonym) would act as the people it stands for
        Optional<String> badUser = UserIds.problem(c.user());
        if (badUser.isPresent()) {
            return CompletableFuture.completedFuture(Replies.refused(Status.FORBIDDEN, "invalid_user", badUser.get()));
        }
        try {
            return switch (c.body().getOperationCase()) {
                case SET_UX_CONSENT, WITHDRAW_CONSENT, EXPORT_USER_DATA, ERASE_USER_DATA -> privacy.handle(c);
                default -> CompletableFuture.completedFuture(route(c));
            };
        } catch (NoSuchElementException e) {
            // The device went away between the decision and the change.
            return CompletableFuture.completedFuture(Replies.refused(Status.UNKNOWN_DEVICE, "unknown_device", e.getMessage()));
        } catch (StorageException e) {
            LOG.error("{} failed to write: {}", c.body().getOperationCase(), e.getMessage());
            return CompletableFuture.completedFuture(Replies.refused(Status.INTERNAL, "storage", "the gateway could not store the change"));
        } catch (RuntimeException e) {
            LOG.error("{} failed", c.body().getOperationCase(), e);
            return CompletableFuture.completedFuture(Replies.refused(Status.INTERNAL, "internal", "the gateway failed to carry out the command"));
        }
    }

    private CommandReply route(VerifiedCommand c) {
        return switch (c.body().getOperationCase()) {
            case READ_STATE -> reads.read(c);
            case CREATE_ROOM -> rooms.create(c);
            case RENAME_ROOM -> rooms.rename(c);
            case DELETE_ROOM -> rooms.delete(c);
            case ASSIGN_DEVICE -> rooms.assign(c);
            case RENAME_DEVICE -> rooms.renameDevice(c);
            case LIST_ROOMS -> rooms.list(c);
            case CREATE_SHARE -> shares.create(c);
            case RESPOND_SHARE -> shares.respond(c);
            case REVOKE_SHARE -> shares.revoke(c);
            // with trust: users the home's sharing state is the signed grants, seen as the signer may see them
            case LIST_SHARES -> policy.map(p -> p.list(c)).orElseGet(() -> shares.list(c));
            case SUBMIT_POLICY -> policy.map(p -> p.submit(c)).orElseGet(() -> Replies.invalid("unsupported_operation",
                    "this gateway runs with trust: cloud and takes no user-signed policy objects"));
            default -> Replies.invalid("unsupported_operation",
                    "not a home operation: " + c.body().getOperationCase().name().toLowerCase(java.util.Locale.ROOT));
        };
    }

    /** Until the privacy commands exist: every privacy operation is answered INVALID_ARGUMENT "unsupported_operation". */
    public static PrivacyCommands privacyUnsupported() {
        return c -> HomeOperations.unsupported().handle(c);
    }
}
