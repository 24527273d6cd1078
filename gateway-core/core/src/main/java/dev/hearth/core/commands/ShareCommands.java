package dev.hearth.core.commands;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.core.access.Decision;
import dev.hearth.core.access.DeviceScope;
import dev.hearth.core.access.Operation;
import dev.hearth.core.access.RoomScope;
import dev.hearth.core.access.Scope;
import dev.hearth.core.access.Share;
import dev.hearth.core.access.ShareResult;
import dev.hearth.core.cloud.command.VerifiedCommand;
import dev.hearth.driver.api.model.Privilege;
import dev.hearth.protocols.cloud.v1.CommandReply;
import dev.hearth.protocols.cloud.v1.CommandReply.Status;
import dev.hearth.protocols.cloud.v1.CreateShareOp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Sharing: {@code create_share} (MANAGE on the scope, never more than the granter holds, decided
 * and audited before {@code ShareBook.offer} applies its own rules), {@code respond_share} (only the
 * grantee), {@code revoke_share} (the granter, the owner, or a MANAGE holder on the scope: the
 * last is an audited decision) and {@code list_shares} (the caller's own shares as granter or
 * grantee; the owner sees all). States are reported as at the time of the command, so a share
 * past its expiry reads {@code EXPIRED}. User ids are written as they are here; on the way out the
 * privacy package's ReplyFilter turns every one but the requester's into its pseudonym.
 */
final class ShareCommands {
    private final HomeParts parts;

    ShareCommands(HomeParts parts) {
        this.parts = parts;
    }

    CommandReply create(VerifiedCommand c) {
        CreateShareOp op = c.body().getCreateShare();
        Optional<Scope> scope = scope(op.getScope());
        if (scope.isEmpty()) return Replies.invalid("no_scope", "create_share needs a scope: a device, a room_id or home");
        Optional<Privilege> privilege = privilege(op.getPrivilege());
        if (privilege.isEmpty()) return Replies.invalid("no_privilege", "create_share needs a privilege: VIEW, OPERATE or MANAGE");
        if (op.getGrantee().isBlank()) return Replies.invalid("no_grantee", "create_share needs a grantee");
        Decision d = parts.access().decide(c.user(), scope.get(), Operation.SHARE);
        if (!d.allowed()) return Replies.forbidden(d);
        Instant now = parts.clock().instant();
        Optional<Instant> expires = op.getExpiresAtMs() == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(op.getExpiresAtMs()));
        return done(parts.shares().offer(c.user(), op.getGrantee(), scope.get(), privilege.get(), expires, now), now);
    }

    CommandReply respond(VerifiedCommand c) {
        String id = c.body().getRespondShare().getShareId();
        if (id.isBlank()) return Replies.invalid("no_share", "respond_share needs a share_id");
        Instant now = parts.clock().instant();
        return done(c.body().getRespondShare().getAccept()
                ? parts.shares().accept(c.user(), id, now)
                : parts.shares().decline(c.user(), id, now), now);
    }

    CommandReply revoke(VerifiedCommand c) {
        String id = c.body().getRevokeShare().getShareId();
        if (id.isBlank()) return Replies.invalid("no_share", "revoke_share needs a share_id");
        Optional<Share> share = parts.shares().find(id);
        if (share.isEmpty()) return Replies.invalid("no_such_share", "there is no share " + id);
        Share s = share.get();
        // The granter and the owner may always end a share; anyone else needs MANAGE on its scope now.
        if (!c.user().equals(s.granter()) && !c.user().equals(parts.home().owner())) {
            Decision d = parts.access().decide(c.user(), s.scope(), Operation.REVOKE);
            if (!d.allowed()) return Replies.forbidden(d);
        }
        Instant now = parts.clock().instant();
        return done(parts.shares().revoke(c.user(), id, now), now);
    }

    CommandReply list(VerifiedCommand c) {
        Instant now = parts.clock().instant();
        boolean owner = c.user().equals(parts.home().owner());
        List<Share> mine = parts.shares().all().stream()
                .filter(s -> owner || s.granter().equals(c.user()) || s.grantee().equals(c.user()))
                .toList();
        ObjectNode data = Replies.object();
        ArrayNode shares = data.putArray("shares");
        mine.forEach(s -> shares.add(json(s, now)));
        return Replies.ok(data);
    }

    private CommandReply done(ShareResult result, Instant now) {
        if (result instanceof ShareResult.Refused r) {
            Status status = switch (r.code()) {
                case NOT_ALLOWED, EXCEEDS_GRANTER, OWNER_NOT_SHAREABLE, NOT_GRANTEE, UNKNOWN_TARGET -> Status.FORBIDDEN;
                case INVALID, NO_SUCH_SHARE, WRONG_STATE, EXPIRED, LIMIT_REACHED -> Status.INVALID_ARGUMENT;
            };
            if (r.code() == ShareResult.Refusal.EXPIRED) parts.registryChanged().run();
            return Replies.refused(status, Replies.code(r.code()), r.reason());
        }
        parts.registryChanged().run();
        return Replies.ok(json(((ShareResult.Done) result).share(), now));
    }

    static ObjectNode json(Share s, Instant now) {
        ObjectNode o = Replies.object()
                .put("id", s.id())
                .put("granter", s.granter())
                .put("grantee", s.grantee())
                .put("scope", s.scope().key())
                .put("privilege", s.privilege().name())
                .put("state", s.stateAt(now).name())
                .put("created_ms", s.createdAt().toEpochMilli());
        s.expiresAt().ifPresent(e -> o.put("expires_ms", e.toEpochMilli()));
        return o;
    }

    private static Optional<Scope> scope(dev.hearth.protocols.cloud.v1.Scope s) {
        return switch (s.getTargetCase()) {
            case DEVICE -> s.getDevice().isBlank() ? Optional.empty() : Optional.of(new DeviceScope(s.getDevice()));
            case ROOM_ID -> s.getRoomId().isBlank() ? Optional.empty() : Optional.of(new RoomScope(s.getRoomId()));
            case HOME -> s.getHome() ? Optional.of(Scope.HOME) : Optional.empty();
            case TARGET_NOT_SET -> Optional.empty();
        };
    }

    private static Optional<Privilege> privilege(dev.hearth.protocols.cloud.v1.Privilege p) {
        return switch (p) {
            case VIEW -> Optional.of(Privilege.VIEW);
            case OPERATE -> Optional.of(Privilege.OPERATE);
            case MANAGE -> Optional.of(Privilege.MANAGE);
            case OWNER -> Optional.of(Privilege.OWNER);
            case PRIVILEGE_UNSPECIFIED, UNRECOGNIZED -> Optional.empty();
        };
    }
}
