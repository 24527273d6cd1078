package dev.hearth.core.commands;

import dev.hearth.core.cloud.command.VerifiedCommand;
import dev.hearth.core.trust.KeyGrant;
import dev.hearth.core.trust.PolicyResult;
import dev.hearth.core.trust.TrustBook;
import dev.hearth.protocols.cloud.v1.CommandReply;
import dev.hearth.protocols.cloud.v1.CommandReply.Status;
import java.util.Objects;

/**
 * submit_policy: a user-signed grant, accept or revoke that a command relays (DESIGN.md section 6).
 * Whoever signed the relaying command (the cloud, or a user) adds no authority: the
 * {@link TrustBook} checks the object's own signature and the chain rules. After a change the
 * retained registry topic, which carries the policy log's head, is refreshed.
 *
 * <p>list_shares with {@code trust: users}: the signed grants the command's user may see, decided
 * now (at the floored time) by the chain rule: a holder of OWNER on the home sees all; anyone else
 * the grants they made or received and those on a scope they hold MANAGE on now (they may revoke
 * them). The grantee of a PENDING grant also gets its object as signed, to check the granter's
 * signature and hash it itself before accepting (the relay could otherwise hand it another grant).
 * At most {@value #MAX_LISTED} grants, the newest, with {@code "omitted"} saying how many more.
 */
final class PolicyCommands {
    private final TrustBook trust;
    private final Runnable registryChanged;

    PolicyCommands(TrustBook trust, Runnable registryChanged) {
        this.trust = Objects.requireNonNull(trust, "trust");
        this.registryChanged = Objects.requireNonNull(registryChanged, "registryChanged");
    }

    static final int MAX_LISTED = 256;

    CommandReply list(VerifiedCommand c) {
        java.time.Instant now = trust.clock().instant();
        String user = c.user();
        var privileges = trust.privileges();
        boolean owner = privileges.highest(user, dev.hearth.core.access.Scope.HOME, now)
                .filter(g -> g.privilege() == dev.hearth.driver.api.model.Privilege.OWNER).isPresent();
        java.util.List<KeyGrant> visible = new java.util.ArrayList<>();
        for (KeyGrant g : trust.index().all()) {
            if (owner || g.granter().fingerprint().equals(user) || g.grantee().fingerprint().equals(user)
                    || privileges.highest(user, g.scope(), now).filter(r -> r.privilege().covers(dev.hearth.driver.api.model.Privilege.MANAGE)).isPresent()) {
                visible.add(g);
            }
        }
        int from = Math.max(0, visible.size() - MAX_LISTED);
        var data = Replies.object();
        var grants = data.putArray("grants");
        for (KeyGrant g : visible.subList(from, visible.size())) {
            var o = grants.addObject()
                    .put("id", g.id())
                    .put("granter", g.granter().fingerprint())
                    .put("grantee", g.grantee().fingerprint())
                    .put("privilege", g.privilege().name())
                    .put("scope", g.scope().key())
                    .put("state", g.state() == dev.hearth.core.trust.GrantState.ACCEPTED && !now.isBefore(g.expires()) ? "EXPIRED" : g.state().name())
                    .put("not_before_ms", g.notBefore().toEpochMilli())
                    .put("expires_ms", g.expires().toEpochMilli())
                    .put("hash", java.util.HexFormat.of().formatHex(g.hash().toByteArray()));
            if (g.state() == dev.hearth.core.trust.GrantState.PENDING && g.grantee().fingerprint().equals(user)) {
                trust.grantObject(g.id()).ifPresent(obj -> o.put("object", java.util.Base64.getEncoder().encodeToString(obj.toByteArray())));
            }
        }
        if (from > 0) data.put("omitted", from);
        return Replies.ok(data);
    }

    CommandReply submit(VerifiedCommand c) {
        PolicyResult r = trust.submit(c.body().getSubmitPolicy().getObject());
        if (r instanceof PolicyResult.Refused refused) {
            return Replies.refused(refused.reason().equals("malformed") ? Status.INVALID_ARGUMENT : Status.FORBIDDEN,
                    refused.reason(), refused.message());
        }
        PolicyResult.Applied a = (PolicyResult.Applied) r;
        registryChanged.run();
        var data = Replies.JSON.createObjectNode();
        data.put("seq", a.seq());
        data.put("kind", a.kind());
        data.put("grant", a.grantId());
        return Replies.ok(data);
    }
}
