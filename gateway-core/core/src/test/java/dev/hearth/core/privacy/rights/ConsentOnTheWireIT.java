package dev.hearth.core.privacy.rights;

import dev.hearth.config.PrivacyAction;

import dev.hearth.core.privacy.TestPayloads;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import dev.hearth.core.cloud.BridgeFixture;
import dev.hearth.core.cloud.BridgeSettings;
import dev.hearth.core.cloud.CloudBridge;
import dev.hearth.core.cloud.CloudTopics;
import dev.hearth.core.cloud.CommandGateSettings;
import dev.hearth.testkit.MosquittoBroker;
import dev.hearth.core.cloud.TcpProxy;
import dev.hearth.driver.api.SystemScheduler;
import dev.hearth.core.cloud.command.TestCommands;
import dev.hearth.core.privacy.PrivacyPolicy;
import dev.hearth.testkit.Conditions;
import dev.hearth.driver.api.Backoff;
import dev.hearth.driver.api.DeviceEvent;
import dev.hearth.driver.api.model.DataClass;
import dev.hearth.driver.api.model.ModelCatalog;
import dev.hearth.driver.api.value.Value;
import dev.hearth.protocols.cloud.v1.CommandBody;
import dev.hearth.protocols.cloud.v1.CommandReply;
import dev.hearth.protocols.cloud.v1.DeviceState;
import dev.hearth.protocols.cloud.v1.Property;
import dev.hearth.protocols.cloud.v1.SetUxConsentOp;
import dev.hearth.protocols.cloud.v1.Telemetry;
import dev.hearth.protocols.cloud.v1.WithdrawConsentOp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consent as the cloud sees it: the real native models (lamp: 1.3 firmware and 1.4 rssi are
 * DIAGNOSTIC; lock: the unlocked event's user is PERSONAL, pseudonymised here), the uplink, the
 * bridge with its SQLite outbox, a TCP proxy to cut the link, a real Mosquitto and a Paho subscriber.
 */
class ConsentOnTheWireIT {
    private static final String ALICE = "alice-7";
    private static final String BOB = "bob-3";
    private static final String LAMP = "lamp-1";
    private static final String LOCK = "lock-1";

    @TempDir
    Path dir;

    private final Clock clock = Clock.systemUTC();
    private MosquittoBroker broker;
    private TcpProxy proxy;
    private SystemScheduler scheduler;
    private RightsHome home;
    private CloudBridge bridge;
    private WireSubscriber cloud;
    private int requests;

    @BeforeEach
    void startAHomeConnectedThroughAProxy() throws Exception {
        broker = MosquittoBroker.start();
        proxy = new TcpProxy(broker.port());
        scheduler = new SystemScheduler("consent-wire");
        PrivacyPolicy policy = PrivacyPolicy.defaults().withAction(DataClass.PERSONAL, PrivacyAction.PSEUDONYMISE);
        home = new RightsHome(dir, clock, scheduler, policy, true, ModelCatalog.fromClasspath(getClass().getClassLoader()));
        home.addDevice(LAMP, "hearth.light.lamp1");
        home.addDevice(LOCK, "hearth.lock.v1");
        CloudTopics topics = CloudTopics.of(RightsHome.HOME, "gw-consent");
        cloud = new WireSubscriber(broker.uri(), topics.prefix() + "/#");
        bridge = CloudBridge.builder()
                .settings(BridgeSettings.plain(proxy.uri(), "gw-consent", topics)
                        .withReconnect(new Backoff(Duration.ofMillis(100), Duration.ofMillis(500), 2.0, 0.2))
                        .withKeepAlive(Duration.ofSeconds(2)))
                .commandGate(CommandGateSettings.defaults(RightsHome.HOME, topics.gateway(), List.of()))
                .database(home.db)
                .authorizer(TestCommands.ALLOW_ALL_FOR_TESTS)
                .snapshot(home.uplink)
                .deviceCommands(BridgeFixture::stubDevices)
                .scheduler(scheduler)
                .clock(clock)
                .replyFilter(TestPayloads.replyFilter())
                .start();
        home.attach(bridge);
        Conditions.await("bridge connected", Duration.ofSeconds(15), () -> bridge.linkStatus().connected());
    }

    @AfterEach
    void stop() throws Exception {
        bridge.close();
        cloud.close();
        home.close();
        scheduler.close();
        proxy.close();
        broker.close();
    }

    private CommandReply send(String user, CommandBody.Builder op) throws Exception {
        requests++;
        CommandBody body = op.setSchemaVersion(1).setRequestId("r" + requests).setUser(user).setHome(RightsHome.HOME)
                .setNonce(ByteString.copyFromUtf8("nonce-" + requests)).build();
        return home.commands.handle(TestCommands.verifiedWithoutGate(body)).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private void unlock(String user) {
        home.uplink.eventTriggered(LOCK, new DeviceEvent.EventTriggered("2.1",
                Map.of("user", Value.of(user), "method", Value.of(2)), clock.instant()));
    }

    private final List<WireSubscriber.Message> seen = new ArrayList<>();

    private List<WireSubscriber.Message> awaitTelemetry(String what, java.util.function.Predicate<Telemetry> p) {
        Conditions.await(what, Duration.ofSeconds(20), () -> {
            seen.addAll(cloud.drain());
            return seen.stream().filter(WireSubscriber.Message::telemetry).map(ConsentOnTheWireIT::telemetry).anyMatch(p);
        }, () -> seen.size() + " messages seen");
        return List.copyOf(seen);
    }

    private static Telemetry telemetry(WireSubscriber.Message m) {
        try {
            return Telemetry.parseFrom(m.payload());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError("not a Telemetry message on " + m.topic(), e);
        }
    }

    private static DeviceState state(WireSubscriber.Message m) {
        try {
            return DeviceState.parseFrom(m.payload());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError("not a DeviceState message on " + m.topic(), e);
        }
    }

    private static List<String> keys(Telemetry t) {
        return t.getChangesList().stream().map(Property::getKey).toList();
    }

    @Test
    void optingOutOfTheUxProgrammeStopsFirmwareAndRssiAtOnce() throws Exception {
        home.registry.stateReported(LAMP, Map.of("2.1", Value.of(true), "1.3", Value.of("1.4.2"), "1.4", Value.of(-52)),
                clock.instant());
        awaitTelemetry("lamp telemetry with diagnostics", t -> t.getDevice().equals(LAMP) && keys(t).contains("1.3") && keys(t).contains("1.4"));

        CommandReply optOut = send(RightsHome.OWNER, CommandBody.newBuilder().setSetUxConsent(SetUxConsentOp.newBuilder().setJoined(false)));
        assertThat(optOut.getStatus()).isEqualTo(CommandReply.Status.OK);
        home.registry.stateReported(LAMP, Map.of("2.1", Value.of(false), "1.3", Value.of("1.4.3"), "1.4", Value.of(-61)),
                clock.instant());

        List<WireSubscriber.Message> all = awaitTelemetry("lamp telemetry after opting out",
                t -> t.getDevice().equals(LAMP) && t.getChangesList().stream().anyMatch(p -> p.getKey().equals("2.1") && !p.getValue().getBoolValue()));
        Telemetry after = all.stream().filter(WireSubscriber.Message::telemetry).map(ConsentOnTheWireIT::telemetry)
                .filter(t -> t.getChangesList().stream().anyMatch(p -> p.getKey().equals("2.1") && !p.getValue().getBoolValue()))
                .findFirst().orElseThrow();
        assertThat(keys(after)).containsExactly("2.1");
        // The retained state is a separate message, published after the telemetry: wait for the one with power off.
        Conditions.await("the lamp's state after opting out", Duration.ofSeconds(20), () -> {
            seen.addAll(cloud.drain());
            return seen.stream().filter(m -> m.topic().endsWith(LAMP + "/state")).map(ConsentOnTheWireIT::state)
                    .anyMatch(st -> st.getPropertiesList().stream().anyMatch(p -> p.getKey().equals("2.1") && !p.getValue().getBoolValue()));
        }, () -> seen.size() + " messages seen");
        DeviceState offState = seen.stream().filter(m -> m.topic().endsWith(LAMP + "/state")).map(ConsentOnTheWireIT::state)
                .filter(st -> st.getPropertiesList().stream().anyMatch(p -> p.getKey().equals("2.1") && !p.getValue().getBoolValue()))
                .findFirst().orElseThrow();
        assertThat(offState.getPropertiesList()).extracting(Property::getKey).doesNotContain("1.3", "1.4").contains("2.1");
        assertThat(seen).noneMatch(m -> contains(m.payload(), "1.4.3"));
    }

    @Test
    void withdrawalPurgesWhatWasQueuedSoNothingAboutTheUserArrivesAfterReconnect() throws Exception {
        String pseudonym = home.pseudonymiser.pseudonym(ALICE);
        unlock(BOB);
        awaitTelemetry("an unlock while connected", t -> t.getDevice().equals(LOCK));
        proxy.refuse();
        proxy.reset();
        Conditions.await("link down", Duration.ofSeconds(15), () -> !bridge.linkStatus().connected());

        unlock(ALICE);
        unlock(BOB);
        home.registry.stateReported(LAMP, Map.of("2.1", Value.of(true)), clock.instant());
        unlock(ALICE);
        assertThat(bridge.queued().held(home.held.mentionsOf(ALICE))).as("queued while offline").hasSize(2);

        CommandReply r = send(ALICE, CommandBody.newBuilder().setWithdrawConsent(WithdrawConsentOp.getDefaultInstance()));

        assertThat(r.getStatus()).isEqualTo(CommandReply.Status.OK);
        assertThat(new ObjectMapper().readTree(r.getData().toByteArray()).get("outboxEntriesDeleted").asInt()).isEqualTo(2);
        assertThat(bridge.queued().held(home.held.mentionsOf(ALICE))).isEmpty();
        unlock(ALICE); // after withdrawal: not even queued
        assertThat(bridge.queued().held(home.held.mentionsOf(ALICE))).isEmpty();

        proxy.heal();
        Conditions.await("link up again", Duration.ofSeconds(15), () -> bridge.linkStatus().connected());
        home.registry.stateReported(LAMP, Map.of("2.2", Value.of(77)), clock.instant()); // a marker behind everything queued
        List<WireSubscriber.Message> all = awaitTelemetry("the marker after reconnect",
                t -> t.getDevice().equals(LAMP) && keys(t).contains("2.2"));

        // At-least-once: a message whose PUBACK the cut swallowed is sent again; count by id, as the cloud does.
        long bobsUnlocks = all.stream().filter(WireSubscriber.Message::telemetry).map(ConsentOnTheWireIT::telemetry)
                .filter(t -> t.getDevice().equals(LOCK)).map(Telemetry::getId).distinct().count();
        assertThat(bobsUnlocks).as("Bob's unlocks, before and during the outage, arrived").isEqualTo(2);
        assertThat(all).as("nothing names Alice, raw or pseudonymised")
                .noneMatch(m -> contains(m.payload(), pseudonym) || contains(m.payload(), ALICE));
    }

    private static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(new String(needle.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
    }
}
