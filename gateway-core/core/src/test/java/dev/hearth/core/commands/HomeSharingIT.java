package dev.hearth.core.commands;

import static dev.hearth.core.commands.GatewayRig.OWNER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.hearth.core.cloud.CloudSubscriber;
import dev.hearth.testkit.Conditions;
import dev.hearth.driver.api.value.Value;
import dev.hearth.protocols.cloud.v1.AssignDeviceOp;
import dev.hearth.protocols.cloud.v1.CommandReply;
import dev.hearth.protocols.cloud.v1.CommandReply.Status;
import dev.hearth.protocols.cloud.v1.CreateRoomOp;
import dev.hearth.protocols.cloud.v1.CreateShareOp;
import dev.hearth.protocols.cloud.v1.InvokeActionOp;
import dev.hearth.protocols.cloud.v1.Privilege;
import dev.hearth.protocols.cloud.v1.Property;
import dev.hearth.protocols.cloud.v1.ReadStateOp;
import dev.hearth.protocols.cloud.v1.RegistryDevice;
import dev.hearth.protocols.cloud.v1.RespondShareOp;
import dev.hearth.protocols.cloud.v1.RevokeShareOp;
import dev.hearth.protocols.cloud.v1.Scope;
import dev.hearth.protocols.cloud.v1.SetPropertiesOp;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Homes, rooms and sharing end to end: signed commands through a real Mosquitto to a real gateway
 * with simulated native devices, the retained registry topic read back as the cloud reads it, and
 * a restart of the gateway on the same data directory in the middle.
 */
class HomeSharingIT {
    @TempDir Path dir;

    @Test
    void anOwnerSharesARoomTheGranteeOperatesItWithinItsPrivilegeUntilRevokedAcrossARestart() throws Exception {
        try (var rig = new GatewayRig(dir); var registryTopic = new CloudSubscriber(rig.broker.uri(), rig.topics.registry())) {
            String lamp = rig.lamp;
            String lock = rig.lock;
            String ownerPseudonym = rig.gateway().pseudonymiser().pseudonym(OWNER);

            CommandReply created = ok(rig.send(OWNER, "", b -> b.setCreateRoom(CreateRoomOp.newBuilder().setName("Living room"))));
            String room = json(created).path("id").asText();
            awaitRegistry(registryTopic, "the new room", r -> r.getRoomsList().stream().anyMatch(x -> x.getId().equals(room)
                    && x.getName().equals("Living room")));

            ok(rig.send(OWNER, lamp, b -> b.setAssignDevice(AssignDeviceOp.newBuilder().setRoomId(room))));
            ok(rig.send(OWNER, lock, b -> b.setAssignDevice(AssignDeviceOp.newBuilder().setRoomId(room))));
            awaitRegistry(registryTopic, "both devices in the room", r -> device(r, lamp).getRoomId().equals(room)
                    && device(r, lock).getRoomId().equals(room));

            String share = json(ok(rig.send(OWNER, "", b -> b.setCreateShare(CreateShareOp.newBuilder()
                    .setScope(Scope.newBuilder().setRoomId(room)).setGrantee("u2").setPrivilege(Privilege.OPERATE))))).path("id").asText();
            assertThat(rig.send("u2", lamp, b -> b.setSetProperties(on(true))).getStatus())
                    .as("a pending share grants nothing").isEqualTo(Status.FORBIDDEN);
            assertThat(json(ok(rig.send("u2", "", b -> b.setRespondShare(RespondShareOp.newBuilder().setShareId(share).setAccept(true)))))
                    .path("state").asText()).isEqualTo("ACCEPTED");
            awaitRegistry(registryTopic, "the lamp shared with one user by the owner's pseudonym", r ->
                    device(r, lamp).getShare().getSharedWith() == 1
                            && device(r, lamp).getShare().getSharedByList().equals(List.of(ownerPseudonym)));
            assertThat(ownerPseudonym).isNotEqualTo(OWNER);
            assertThat(latest(registryTopic).toString()).doesNotContain("\"" + OWNER + "\"").doesNotContain("\"u2\"");  // quoted: a random room id may contain the letters u2

            ok(rig.send(OWNER, lamp, b -> b.setSetProperties(on(false))));
            awaitLamp(rig, false);
            ok(rig.send("u2", lamp, b -> b.setSetProperties(on(true))));
            awaitLamp(rig, true);

            CommandReply unlock = rig.send("u2", lock, b -> b.setInvokeAction(InvokeActionOp.newBuilder().setAction("2.2")));
            assertThat(unlock.getStatus()).isEqualTo(Status.FORBIDDEN);
            assertThat(unlock.getReasonCode()).isEqualTo("insufficient_privilege");
            assertThat(unlock.getMessage()).isEqualTo("user u2 has OPERATE on room \"Living room\" via share " + share
                    + "; invoke_action needs MANAGE");

            CommandReply stranger = rig.send("u3", lamp, b -> b.setReadState(ReadStateOp.getDefaultInstance()));
            assertThat(stranger.getStatus()).isEqualTo(Status.FORBIDDEN);
            assertThat(stranger.getMessage()).isEqualTo("user u3 has no access to device " + lamp);

            rig.restart();

            CommandReply read = ok(rig.send("u2", lamp, b -> b.setReadState(ReadStateOp.getDefaultInstance())));
            assertThat(json(read).path("properties").path("2.1").asBoolean()).as("the share survived the restart").isTrue();
            ok(rig.send("u2", lamp, b -> b.setSetProperties(on(false))));
            awaitLamp(rig, false);
            assertThat(rig.gateway().rooms().find(room)).isPresent();
            assertThat(device(latest(registryTopic), lamp).getShare().getSharedWith()).isEqualTo(1);

            ok(rig.send(OWNER, "", b -> b.setRevokeShare(RevokeShareOp.newBuilder().setShareId(share))));
            CommandReply after = rig.send("u2", lamp, b -> b.setSetProperties(on(true)));
            assertThat(after.getStatus()).isEqualTo(Status.FORBIDDEN);
            assertThat(after.getReasonCode()).isEqualTo("no_access");
            assertThat(rig.device(lamp).property("2.1")).contains(Value.of(false));
            awaitRegistry(registryTopic, "no share left on the lamp", r -> device(r, lamp).getShare().getSharedWith() == 0
                    && device(r, lamp).getRoomId().equals(room));
        }
    }

    static CommandReply ok(CommandReply r) {
        assertThat(r.getStatus()).as(r.getReasonCode() + ": " + r.getMessage()).isEqualTo(Status.OK);
        return r;
    }

    static JsonNode json(CommandReply r) {
        try {
            return Replies.JSON.readTree(r.getData().toByteArray());
        } catch (IOException e) {
            throw new AssertionError("the reply's data is not JSON", e);
        }
    }

    private static SetPropertiesOp.Builder on(boolean on) {
        return SetPropertiesOp.newBuilder().addValues(Property.newBuilder().setKey("2.1")
                .setValue(dev.hearth.protocols.cloud.v1.Value.newBuilder().setBoolValue(on)));
    }

    private static void awaitLamp(GatewayRig rig, boolean on) {
        Conditions.await("the simulated lamp " + (on ? "on" : "off"), Duration.ofSeconds(10),
                () -> rig.device(rig.lamp).property("2.1").equals(Optional.of(Value.of(on))),
                () -> rig.device(rig.lamp).property("2.1"));
    }

    static RegistryDevice device(dev.hearth.protocols.cloud.v1.Registry r, String id) {
        return r.getDevicesList().stream().filter(d -> d.getId().equals(id)).findFirst()
                .orElse(RegistryDevice.getDefaultInstance());
    }

    static dev.hearth.protocols.cloud.v1.Registry latest(CloudSubscriber s) {
        var all = s.received();
        if (all.isEmpty()) return dev.hearth.protocols.cloud.v1.Registry.getDefaultInstance();
        try {
            return dev.hearth.protocols.cloud.v1.Registry.parseFrom(all.get(all.size() - 1).payload());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("the registry topic does not carry a Registry", e);
        }
    }

    static void awaitRegistry(CloudSubscriber s, String what, Predicate<dev.hearth.protocols.cloud.v1.Registry> p) {
        Conditions.await("registry topic: " + what, Duration.ofSeconds(10), () -> p.test(latest(s)), () -> latest(s));
    }
}
