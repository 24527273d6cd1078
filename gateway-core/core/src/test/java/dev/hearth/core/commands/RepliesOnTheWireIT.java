package dev.hearth.core.commands;

import static dev.hearth.core.commands.GatewayRig.OWNER;
import static dev.hearth.core.commands.HomeSharingIT.json;
import static dev.hearth.core.commands.HomeSharingIT.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.protocols.cloud.v1.CommandReply;
import dev.hearth.protocols.cloud.v1.CommandReply.Status;
import dev.hearth.protocols.cloud.v1.CreateShareOp;
import dev.hearth.protocols.cloud.v1.ExportUserDataOp;
import dev.hearth.protocols.cloud.v1.ListSharesOp;
import dev.hearth.protocols.cloud.v1.Privilege;
import dev.hearth.protocols.cloud.v1.RespondShareOp;
import dev.hearth.protocols.cloud.v1.Scope;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Command replies leave through the privacy rule of the registry topic (issue 12): user ids other
 * than the requester's are pseudonyms on the wire, and an export reaches only the reply topic the
 * signed command named. Real gateway, real Mosquitto, replies read as the cloud receives them.
 */
class RepliesOnTheWireIT {
    private static final String BOB = "bob-2";

    @TempDir Path dir;

    @Test
    void aSharedUserSeesTheOwnerOnlyAsAPseudonymAndThemselvesInClear() throws Exception {
        try (var rig = new GatewayRig(dir)) {
            String ownerPseudonym = rig.gateway().pseudonymiser().pseudonym(OWNER);
            String share = json(ok(rig.send(OWNER, "", b -> b.setCreateShare(CreateShareOp.newBuilder()
                    .setScope(Scope.newBuilder().setHome(true)).setGrantee(BOB).setPrivilege(Privilege.VIEW))))).path("id").asText();
            ok(rig.send(BOB, "", b -> b.setRespondShare(RespondShareOp.newBuilder().setShareId(share).setAccept(true))));

            CommandReply listed = ok(rig.send(BOB, "", b -> b.setListShares(ListSharesOp.getDefaultInstance())));

            String wire = new String(listed.toByteArray(), StandardCharsets.UTF_8);
            assertThat(wire).as("the owner's id on the wire").doesNotContain("\"" + OWNER + "\"");
            assertThat(wire).contains(ownerPseudonym).contains(BOB);
            JsonNode first = json(listed).path("shares").path(0);
            assertThat(first.path("granter").asText()).isEqualTo(ownerPseudonym);
            assertThat(first.path("grantee").asText()).isEqualTo(BOB);

            CommandReply ownersView = ok(rig.send(OWNER, "", b -> b.setListShares(ListSharesOp.getDefaultInstance())));
            JsonNode asOwner = json(ownersView).path("shares").path(0);
            assertThat(asOwner.path("granter").asText()).as("the requester in clear").isEqualTo(OWNER);
            assertThat(asOwner.path("grantee").asText()).isEqualTo(rig.gateway().pseudonymiser().pseudonym(BOB));
        }
    }

    @Test
    void anExportGoesOnlyToTheReplyTopicTheSignedCommandNames() throws Exception {
        try (var rig = new GatewayRig(dir)) {
            CommandReply bound = rig.send(OWNER, "", b -> b.setExportUserData(ExportUserDataOp.getDefaultInstance())
                    .setReplyTopic(rig.client.responseTopic()));
            assertThat(bound.getStatus()).isEqualTo(Status.OK);
            assertThat(bound.getData().isEmpty()).isFalse();

            CommandReply unbound = rig.send(OWNER, "", b -> b.setExportUserData(ExportUserDataOp.getDefaultInstance()));
            assertThat(unbound.getStatus()).isEqualTo(Status.FORBIDDEN);
            assertThat(unbound.getReasonCode()).isEqualTo("reply_topic_unbound");
            assertThat(unbound.getData().isEmpty()).as("no data without the binding").isTrue();

            CommandReply elsewhere = rig.send(OWNER, "", b -> b.setExportUserData(ExportUserDataOp.getDefaultInstance())
                    .setReplyTopic("hearth-ctl/someone-else/replies"));
            assertThat(elsewhere.getStatus()).as("a relay that rewrote the response topic").isEqualTo(Status.FORBIDDEN);
            assertThat(elsewhere.getData().isEmpty()).isTrue();
        }
    }
}
