package dev.hearth.core.commands;

import static dev.hearth.core.commands.HomeSharingIT.awaitRegistry;
import static dev.hearth.core.commands.HomeSharingIT.device;
import static dev.hearth.core.commands.HomeSharingIT.json;
import static dev.hearth.core.commands.HomeSharingIT.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.access.RoomScope;
import dev.hearth.core.cloud.CloudSubscriber;
import dev.hearth.testkit.Conditions;
import dev.hearth.core.trust.UserSigner;
import dev.hearth.driver.api.model.Privilege;
import dev.hearth.driver.api.value.Value;
import dev.hearth.protocols.cloud.v1.AssignDeviceOp;
import dev.hearth.protocols.cloud.v1.CommandBody;
import dev.hearth.protocols.cloud.v1.CommandReply;
import dev.hearth.protocols.cloud.v1.CommandReply.Status;
import dev.hearth.protocols.cloud.v1.CreateRoomOp;
import dev.hearth.protocols.cloud.v1.InvokeActionOp;
import dev.hearth.protocols.cloud.v1.Property;
import dev.hearth.protocols.cloud.v1.SetPropertiesOp;
import dev.hearth.protocols.cloud.v1.SignedPolicyObject;
import dev.hearth.protocols.cloud.v1.SubmitPolicyOp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16's sharing scenario end to end with users' own keys, through a real Mosquitto to a real
 * gateway with {@code home.trust: users}: the owner enrols her key on the local API, makes a room,
 * shares it with bob (OPERATE) by a signed grant that the cloud relays, bob accepts with his key;
 * bob's lamp command runs, his unlock and carol's command are FORBIDDEN, a cloud-signed command in
 * the owner's name is FORBIDDEN; the owner revokes and bob is FORBIDDEN. The retained registry
 * topic carries the owner's fingerprint and the policy log's head at each step; the gateway
 * restarts in the middle.
 */
class UserKeysSharingIT {
    @TempDir Path dir;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Long> counters = new HashMap<>();

    @Test
    void theOwnersKeySharesARoomWithBobWhoseKeyOperatesItUntilRevokedWhileTheCloudKeyAuthorisesNothing() throws Exception {
        try (var rig = new GatewayRig(dir, true); var registry = new CloudSubscriber(rig.broker.uri(), rig.topics.registry())) {
            UserSigner alice = UserSigner.generate(random, GatewayRig.HOME, GatewayRig.GATEWAY);
            UserSigner bob = UserSigner.generate(random, GatewayRig.HOME, GatewayRig.GATEWAY);
            UserSigner carol = UserSigner.generate(random, GatewayRig.HOME, GatewayRig.GATEWAY);

            HttpResponse<String> enrolled = enrol(rig, alice);
            assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(201);
            awaitRegistry(registry, "the owner's fingerprint and the log head 1", r ->
                    r.getOwnerKeysList().contains(alice.fingerprint()) && r.getPolicyHead().getSeq() == 1);
            assertThat(enrol(rig, bob).statusCode()).as("the setup code is spent").isEqualTo(401);

            String room = json(ok(send(rig, alice, "", b -> b.setCreateRoom(CreateRoomOp.newBuilder().setName("Living room")))))
                    .path("id").asText();
            ok(send(rig, alice, rig.lamp, b -> b.setAssignDevice(AssignDeviceOp.newBuilder().setRoomId(room))));
            ok(send(rig, alice, rig.lock, b -> b.setAssignDevice(AssignDeviceOp.newBuilder().setRoomId(room))));
            awaitRegistry(registry, "both devices in the room", r -> device(r, rig.lamp).getRoomId().equals(room)
                    && device(r, rig.lock).getRoomId().equals(room));

            Instant now = Instant.now();
            SignedPolicyObject grant = alice.sign(alice.grantBody("share-bob", bob.key(), Privilege.OPERATE, new RoomScope(room),
                    now.minusSeconds(5), now.plus(Duration.ofDays(1)), now).build());
            ok(relay(rig, grant));
            assertThat(send(rig, bob, rig.lamp, b -> b.setSetProperties(on(true))).getStatus())
                    .as("a grant not yet accepted gives nothing").isEqualTo(Status.FORBIDDEN);
            ok(relay(rig, bob.sign(bob.acceptBody(UserSigner.hashOf(grant), false, Instant.now()).build())));
            awaitRegistry(registry, "log head 3 (enrolment, grant, accept)", r -> r.getPolicyHead().getSeq() == 3);

            ok(send(rig, bob, rig.lamp, b -> b.setSetProperties(on(true))));
            awaitLamp(rig, true);

            rig.restart();
            awaitRegistry(registry, "log head 3 after the restart", r -> r.getPolicyHead().getSeq() == 3
                    && r.getOwnerKeysList().contains(alice.fingerprint()));

            ok(send(rig, bob, rig.lamp, b -> b.setSetProperties(on(false))));
            awaitLamp(rig, false);
            CommandReply unlock = send(rig, bob, rig.lock, b -> b.setInvokeAction(InvokeActionOp.newBuilder().setAction("2.2")));
            assertThat(unlock.getStatus()).isEqualTo(Status.FORBIDDEN);
            assertThat(unlock.getReasonCode()).isEqualTo("insufficient_privilege");
            CommandReply carols = send(rig, carol, rig.lamp, b -> b.setSetProperties(on(true)));
            assertThat(carols.getStatus()).isEqualTo(Status.FORBIDDEN);
            assertThat(carols.getReasonCode()).isEqualTo("no_access");
            CommandReply cloudAsAlice = rig.send(alice.fingerprint(), rig.lock, b -> b.setInvokeAction(InvokeActionOp.newBuilder().setAction("2.2")));
            assertThat(cloudAsAlice.getStatus()).isEqualTo(Status.FORBIDDEN);
            assertThat(cloudAsAlice.getReasonCode()).isEqualTo("cloud_not_authorising");

            ok(relay(rig, alice.sign(alice.revokeBody("share-bob", Instant.now()).build())));
            awaitRegistry(registry, "log head 4 (the revoke)", r -> r.getPolicyHead().getSeq() == 4);
            CommandReply after = send(rig, bob, rig.lamp, b -> b.setSetProperties(on(true)));
            assertThat(after.getStatus()).isEqualTo(Status.FORBIDDEN);
            assertThat(after.getReasonCode()).isEqualTo("no_access");
            assertThat(rig.device(rig.lamp).property("2.1")).contains(Value.of(false));
        }
    }

    private HttpResponse<String> enrol(GatewayRig rig, UserSigner user) throws Exception {
        var address = rig.gateway().httpAddress().orElseThrow();
        String body = "{\"publicKey\":\"" + Base64.getEncoder().encodeToString(user.key().raw().toByteArray())
                + "\",\"name\":\"owner\",\"setupCode\":\"" + rig.gateway().setupCode().reveal() + "\"}";
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + address.getPort() + "/api/v1/owners/setup"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
    }

    /** A command signed by {@code user}'s own key, with that key's next counter. */
    private CommandReply send(GatewayRig rig, UserSigner user, String device, UnaryOperator<CommandBody.Builder> op) throws Exception {
        long counter = counters.merge(user.fingerprint(), 1L, Long::sum);
        CommandBody body = op.apply(user.commandBody(device, counter, Instant.now(), Duration.ofSeconds(30), random)).build();
        return rig.client.send(user.sign(body)).get(15, TimeUnit.SECONDS);
    }

    /** The cloud relays a user-signed object in a command its own key signs. */
    private static CommandReply relay(GatewayRig rig, SignedPolicyObject object) throws Exception {
        return rig.send("relay", "", b -> b.setSubmitPolicy(SubmitPolicyOp.newBuilder().setObject(object)));
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
}
