package dev.hearth.core.commands;

import static dev.hearth.core.commands.GatewayRig.OWNER;
import static dev.hearth.core.commands.HomeSharingIT.json;
import static dev.hearth.core.commands.HomeSharingIT.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.protocols.cloud.v1.AssignDeviceOp;
import dev.hearth.protocols.cloud.v1.CommandReply;
import dev.hearth.protocols.cloud.v1.CommandReply.Status;
import dev.hearth.protocols.cloud.v1.CreateRoomOp;
import dev.hearth.protocols.cloud.v1.CreateShareOp;
import dev.hearth.protocols.cloud.v1.ListSharesOp;
import dev.hearth.protocols.cloud.v1.Privilege;
import dev.hearth.protocols.cloud.v1.ReadStateOp;
import dev.hearth.protocols.cloud.v1.RespondShareOp;
import dev.hearth.protocols.cloud.v1.RevokeShareOp;
import dev.hearth.protocols.cloud.v1.Scope;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cascade cases of issue 21 (defect 5) end to end: signed commands through a real Mosquitto to a
 * real gateway, so the wiring (a device leaving a room ends the shares minted through it) is tested too.
 */
class ShareCascadeIT {
    @TempDir Path dir;

    private static String share(GatewayRig rig, String granter, String grantee, Scope.Builder scope, Privilege p) throws Exception {
        String id = json(ok(rig.send(granter, "", b -> b.setCreateShare(CreateShareOp.newBuilder()
                .setScope(scope).setGrantee(grantee).setPrivilege(p))))).path("id").asText();
        ok(rig.send(grantee, "", b -> b.setRespondShare(RespondShareOp.newBuilder().setShareId(id).setAccept(true))));
        return id;
    }

    private static Status read(GatewayRig rig, String user, String device) throws Exception {
        return rig.send(user, device, b -> b.setReadState(ReadStateOp.getDefaultInstance())).getStatus();
    }

    private static String state(GatewayRig rig, String shareId) throws Exception {
        for (JsonNode s : json(ok(rig.send(OWNER, "", b -> b.setListShares(ListSharesOp.getDefaultInstance())))).path("shares")) {
            if (s.path("id").asText().equals(shareId)) return s.path("state").asText();
        }
        return "missing";
    }

    @Test
    void sharesEndWithTheirGrantersRight() throws Exception {
        try (var rig = new GatewayRig(dir)) {
            String room = json(ok(rig.send(OWNER, "", b -> b.setCreateRoom(CreateRoomOp.newBuilder().setName("Hall"))))).path("id").asText();
            ok(rig.send(OWNER, rig.lock, b -> b.setAssignDevice(AssignDeviceOp.newBuilder().setRoomId(room))));
            String bob = share(rig, OWNER, "bob", Scope.newBuilder().setRoomId(room), Privilege.MANAGE);
            String second = share(rig, "bob", "second", Scope.newBuilder().setRoomId(room), Privilege.MANAGE);
            String lockShare = share(rig, "bob", "dave", Scope.newBuilder().setDevice(rig.lock), Privilege.MANAGE);
            assertThat(read(rig, "second", rig.lock)).isEqualTo(Status.OK);
            assertThat(read(rig, "dave", rig.lock)).isEqualTo(Status.OK);

            // the lock leaves the room: the device share bob minted through the room ends
            ok(rig.send(OWNER, rig.lock, b -> b.setAssignDevice(AssignDeviceOp.newBuilder())));
            assertThat(read(rig, "dave", rig.lock)).isEqualTo(Status.FORBIDDEN);
            assertThat(state(rig, lockShare)).isEqualTo("REVOKED");
            ok(rig.send(OWNER, rig.lock, b -> b.setAssignDevice(AssignDeviceOp.newBuilder().setRoomId(room))));
            assertThat(read(rig, "dave", rig.lock)).as("moving back does not revive it").isEqualTo(Status.FORBIDDEN);

            // the owner revokes bob: the second account loses control and cannot re-grant bob
            ok(rig.send(OWNER, "", b -> b.setRevokeShare(RevokeShareOp.newBuilder().setShareId(bob))));
            assertThat(read(rig, "second", rig.lock)).isEqualTo(Status.FORBIDDEN);
            CommandReply regrant = rig.send("second", "", b -> b.setCreateShare(CreateShareOp.newBuilder()
                    .setScope(Scope.newBuilder().setRoomId(room)).setGrantee("bob").setPrivilege(Privilege.MANAGE)));
            assertThat(regrant.getStatus()).isEqualTo(Status.FORBIDDEN);
            assertThat(read(rig, "bob", rig.lock)).isEqualTo(Status.FORBIDDEN);
            assertThat(state(rig, second)).isEqualTo("REVOKED");
        }
    }
}
