package dev.hearth.core.cloud;

import dev.hearth.testkit.Conditions;

import dev.hearth.core.privacy.CloudPayload;
import dev.hearth.core.privacy.TestPayloads;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import dev.hearth.core.cloud.command.CommandClient;
import dev.hearth.protocols.cloud.CommandSigner;
import dev.hearth.core.cloud.command.Ed25519KeyFiles;
import dev.hearth.protocols.cloud.v1.Availability;
import dev.hearth.protocols.cloud.v1.CommandBody;
import dev.hearth.protocols.cloud.v1.CommandReply;
import dev.hearth.protocols.cloud.v1.CommandReply.Status;
import dev.hearth.protocols.cloud.v1.DeviceState;
import dev.hearth.protocols.cloud.v1.GatewayStatus;
import dev.hearth.protocols.cloud.v1.InvokeActionOp;
import dev.hearth.protocols.cloud.v1.Property;
import dev.hearth.protocols.cloud.v1.Registry;
import dev.hearth.protocols.cloud.v1.SetPropertiesOp;
import dev.hearth.protocols.cloud.v1.SignedCommand;
import dev.hearth.protocols.cloud.v1.Value;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** What the bridge must do against any MQTT 5 broker; subclasses supply the broker. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CloudBridgeContract {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir Path dir;
    private BridgeFixture fixture;
    private TcpProxy proxy;

    /** The broker the bridge (through a proxy) and the cloud-side clients use. */
    abstract URI broker();

    abstract int brokerPort();

    /** Whether the broker keeps a retained will as the topic's retained message (Moquette 0.18.3 does not). */
    abstract boolean retainsWill();

    @BeforeEach
    void setUp() {
        fixture = new BridgeFixture(dir);
        proxy = new TcpProxy(brokerPort());
    }

    @AfterEach
    void tearDown() {
        fixture.close();
        proxy.close();
    }

    private static boolean isStatus(CloudSubscriber.Received r, GatewayStatus.State state) {
        return BridgeFixture.status(r).map(s -> s.getState() == state).orElse(false);
    }

    @Test
    void publishesABirthWithContentTypeAndSchemaVersionAndTheWillWhenTheConnectionDiesAbruptly() throws Exception {
        try (var sub = new CloudSubscriber(broker(), fixture.topics.status())) {
            CloudBridge bridge = fixture.start(proxy.uri());
            Conditions.until(WAIT, () -> sub.received().stream().anyMatch(r -> isStatus(r, GatewayStatus.State.ONLINE)), sub::describe);
            CloudSubscriber.Received birth = sub.received().get(0);
            long session = BridgeFixture.status(birth).orElseThrow().getSession();
            assertThat(birth.contentType()).contains("application/x-protobuf; proto=hearth.cloud.v1.GatewayStatus");
            assertThat(birth.userProperties()).anyMatch(p -> p.getKey().equals("schema-version") && p.getValue().equals("1"));

            bridge.abort();
            Conditions.until(WAIT, () -> sub.received().stream().anyMatch(r -> isStatus(r, GatewayStatus.State.OFFLINE)), sub::describe);
            GatewayStatus will = sub.received().stream().filter(r -> isStatus(r, GatewayStatus.State.OFFLINE))
                    .map(r -> BridgeFixture.status(r).orElseThrow()).findFirst().orElseThrow();
            assertThat(will.getSession()).isEqualTo(session);
        }
        // The will is retained: a late subscriber learns the gateway is gone.
        if (!retainsWill()) return;
        try (var late = new CloudSubscriber(broker(), fixture.topics.status())) {
            Conditions.until(WAIT, () -> !late.received().isEmpty(), late::describe);
            assertThat(late.received().get(0).retained()).isTrue();
            assertThat(BridgeFixture.status(late.received().get(0)).orElseThrow().getState()).isEqualTo(GatewayStatus.State.OFFLINE);
        }
    }

    @Test
    void republishesRetainedStateAndAvailabilityAfterAReconnect() throws Exception {
        RetainedSnapshot snapshot = new RetainedSnapshot() {
            @Override public List<CloudPayload<Availability>> availabilities() {
                return List.of(TestPayloads.availability(Availability.newBuilder().setDevice("lamp").setStatus(Availability.Status.ONLINE)
                        .setSession(3).build()));
            }
            @Override public List<CloudPayload<DeviceState>> states() {
                return List.of(TestPayloads.state(DeviceState.newBuilder().setDevice("lamp").addProperties(Property.newBuilder().setKey("2.1")
                        .setValue(Value.newBuilder().setBoolValue(true))).build()));
            }
            @Override public Optional<CloudPayload<Registry>> registry() { return Optional.empty(); }
        };
        try (var sub = new CloudSubscriber(broker(), fixture.topics.all())) {
            fixture.start(fixture.settings(proxy.uri()), OutboxLimits.defaults(), snapshot, BridgeFixture::stubDevices);
            String avail = fixture.topics.availability("lamp");
            String state = fixture.topics.state("lamp");
            Conditions.until(WAIT, () -> sub.matching(r -> r.topic().equals(avail)).size() == 1
                    && sub.matching(r -> r.topic().equals(state)).size() == 1, sub::describe);

            proxy.reset();
            Conditions.until(WAIT, () -> sub.matching(r -> r.topic().equals(avail)).size() == 2
                    && sub.matching(r -> r.topic().equals(state)).size() == 2, sub::describe);
            List<Long> sessions = sub.matching(r -> isStatus(r, GatewayStatus.State.ONLINE)).stream()
                    .map(r -> BridgeFixture.status(r).orElseThrow().getSession()).toList();
            assertThat(sessions).hasSize(2);
            assertThat(sessions.get(1)).isEqualTo(sessions.get(0) + 1);
            assertThat(Availability.parseFrom(sub.matching(r -> r.topic().equals(avail)).get(1).payload()).getSchemaVersion()).isEqualTo(1);
        }
    }

    private CommandBody.Builder setLamp(CommandSigner signer, String device) {
        return signer.newBody("u1", "home1", fixture.topics.gateway(), device).setSetProperties(SetPropertiesOp.newBuilder()
                .addValues(Property.newBuilder().setKey("2.1").setValue(Value.newBuilder().setBoolValue(true))));
    }

    private static CommandReply await(java.util.concurrent.CompletableFuture<CommandReply> f) throws Exception {
        return f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void answersACommandOnItsResponseTopicWithTheCorrelationDataEchoed() throws Exception {
        fixture.start(proxy.uri());
        fixture.awaitConnected();
        try (CommandClient client = fixture.commandClient(broker())) {
            CommandBody body = setLamp(fixture.signer, "lamp").build();
            CommandReply reply = await(client.send(fixture.signer.sign(body)));
            assertThat(reply.getStatus()).isEqualTo(Status.OK);
            assertThat(reply.getRequestId()).isEqualTo(body.getRequestId());
            assertThat(reply.getItemsList()).extracting(i -> i.getKey()).containsExactly("2.1");

            CommandBody action = fixture.signer.newBody("u1", "home1", fixture.topics.gateway(), "lamp")
                    .setInvokeAction(InvokeActionOp.newBuilder().setAction("5.1")).build();
            assertThat(await(client.send(fixture.signer.sign(action))).getStatus()).isEqualTo(Status.OK);
        }
    }

    @Test
    void answersEachDeviceFailureWithItsCode() throws Exception {
        fixture.start(proxy.uri());
        fixture.awaitConnected();
        try (CommandClient client = fixture.commandClient(broker())) {
            CommandSigner s = fixture.signer;
            assertThat(await(client.send(s.sign(setLamp(s, "ghost").build()))).getStatus()).isEqualTo(Status.UNKNOWN_DEVICE);
            assertThat(await(client.send(s.sign(setLamp(s, "sleepy").build()))).getStatus()).isEqualTo(Status.DEVICE_OFFLINE);
            assertThat(await(client.send(s.sign(setLamp(s, "slow").build()))).getStatus()).isEqualTo(Status.DEVICE_TIMEOUT);
            assertThat(await(client.send(s.sign(setLamp(s, "fussy").build()))).getStatus()).isEqualTo(Status.INVALID_ARGUMENT);
            CommandBody badAction = s.newBody("u1", "home1", fixture.topics.gateway(), "lamp").setInvokeAction(InvokeActionOp.newBuilder().setAction("open sesame")).build();
            assertThat(await(client.send(s.sign(badAction))).getStatus()).isEqualTo(Status.INVALID_ARGUMENT);
        }
    }

    @Test
    void refusesBadCommandsWithTheRightReasonAndKeepsWorking() throws Exception {
        fixture.start(proxy.uri());
        fixture.awaitConnected();
        try (CommandClient client = fixture.commandClient(broker())) {
            CommandSigner s = fixture.signer;
            assertThat(await(client.sendRaw(new byte[0], true)).getReasonCode()).isEqualTo("empty");

            byte[] random = new byte[512];
            new SecureRandom().nextBytes(random);
            random[0] = (byte) 0xFF;
            assertThat(await(client.sendRaw(random, true)).getStatus()).isEqualTo(Status.MALFORMED);

            SignedCommand garbageFields = SignedCommand.newBuilder().setUnknownFields(UnknownFieldSet.newBuilder()
                    .addField(99, UnknownFieldSet.Field.newBuilder().addVarint(42).build())
                    .addField(100, UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFromUtf8("junk")).build())
                    .build()).build();
            assertThat(await(client.sendRaw(garbageFields.toByteArray(), true)).getStatus()).isEqualTo(Status.MALFORMED);

            SignedCommand garbageBody = s.sign(setLamp(s, "lamp").build()).toBuilder().setBody(ByteString.copyFrom(random)).build();
            assertThat(await(client.send(garbageBody)).getStatus()).isEqualTo(Status.BAD_SIGNATURE);

            assertThat(await(client.sendRaw(new byte[1024 * 1024], true)).getReasonCode()).isEqualTo("too_large");

            var impostor = new CommandSigner("k1", Ed25519KeyFiles.generate().getPrivate(), Clock.systemUTC(), new SecureRandom(), Duration.ofSeconds(60));
            assertThat(await(client.send(impostor.sign(setLamp(impostor, "lamp").build()))).getReasonCode()).isEqualTo("bad_signature");
            var stranger = new CommandSigner("k7", Ed25519KeyFiles.generate().getPrivate(), Clock.systemUTC(), new SecureRandom(), Duration.ofSeconds(60));
            assertThat(await(client.send(stranger.sign(setLamp(stranger, "lamp").build()))).getReasonCode()).isEqualTo("unknown_key");

            long now = System.currentTimeMillis();
            CommandBody expired = setLamp(s, "lamp").setIssuedAtMs(now - 180_000).setExpiresAtMs(now - 120_000).build();
            assertThat(await(client.send(s.sign(expired))).getStatus()).isEqualTo(Status.EXPIRED);

            SignedCommand once = s.sign(setLamp(s, "lamp").build());
            assertThat(await(client.send(once)).getStatus()).isEqualTo(Status.OK);
            assertThat(await(client.send(once)).getStatus()).isEqualTo(Status.REPLAYED);

            client.sendRaw(new byte[] {1, 2, 3}, false);
            Conditions.until(WAIT, () -> fixture.counters.get("unanswerable.MALFORMED") == 1, fixture.counters::toString);

            assertThat(await(client.send(s.sign(setLamp(s, "lamp").build()))).getStatus()).isEqualTo(Status.OK);
            assertThat(fixture.counters.get("answered.MALFORMED")).isEqualTo(4);
            assertThat(fixture.counters.get("answered.BAD_SIGNATURE")).isEqualTo(3);
        }
    }
}
