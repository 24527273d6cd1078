package dev.hearth.core.commands;

import dev.hearth.core.cloud.command.VerifiedCommand;
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
 */
final class PolicyCommands {
    private final TrustBook trust;
    private final Runnable registryChanged;

    PolicyCommands(TrustBook trust, Runnable registryChanged) {
        this.trust = Objects.requireNonNull(trust, "trust");
        this.registryChanged = Objects.requireNonNull(registryChanged, "registryChanged");
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
