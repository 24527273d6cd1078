package dev.hearth.core.cloud.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.core.cloud.CloudTopics;
import dev.hearth.core.cloud.RetainedSnapshot;
import dev.hearth.core.privacy.TestPayloads;
import dev.hearth.protocols.cloud.v1.Property;
import dev.hearth.protocols.cloud.v1.Telemetry;
import dev.hearth.protocols.cloud.v1.Value;
import dev.hearth.testkit.Conditions;
import dev.hearth.testkit.MosquittoBroker;
import dev.hearth.testkit.fleet.FleetHome;
import dev.hearth.testkit.fleet.HomeRules;
import dev.hearth.testkit.fleet.MosquittoFleet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-home isolation enforced by a real Mosquitto 2 with the generated ACL file: each gateway's
 * credentials reach only its own home's topics; the cloud's reach every home.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FleetIsolationMosquittoIT {
    private static final int NOT_AUTHORIZED = 0x87;
    private static final HomeRules RULES = new HomeRules("hearth/v1", List.of(
            new FleetHome("home-a", "gw-a", "pw-a-0c1f"), new FleetHome("home-b", "gw-b", "pw-b-7e52")), "hearth-cloud", "pw-cloud-91aa");
    private static final CloudTopics A = CloudTopics.of("home-a", "gw-a");
    private static final CloudTopics B = CloudTopics.of("home-b", "gw-b");

    @TempDir Path dir;
    private MosquittoBroker broker;

    @BeforeAll
    void startBroker() {
        broker = MosquittoFleet.start(RULES);
    }

    @AfterAll
    void stopBroker() {
        broker.close();
    }

    private static Telemetry telemetry(String device, long id) {
        return Telemetry.newBuilder().setDevice(device).setId(id).setAtMs(System.currentTimeMillis())
                .addChanges(Property.newBuilder().setKey("2.1").setValue(Value.newBuilder().setIntValue(id))).build();
    }

    @Test
    void aGatewaysCredentialsCanNeitherReadNorWriteAnotherHomesTopicsWhileTheCloudSeesEveryHome() throws Exception {
        try (var cloud = new FleetClient(broker.uri(), "hearth-cloud", "pw-cloud-91aa");
                var a = new FleetGateway(dir, A, "gw-a", "pw-a-0c1f", List.of(broker.uri()), RetainedSnapshot.empty());
                var b = new FleetGateway(dir, B, "gw-b", "pw-b-7e52", List.of(broker.uri()), RetainedSnapshot.empty());
                var intruder = new FleetClient(broker.uri(), "gw-a", "pw-a-0c1f")) {
            assertThat(cloud.subscribe("hearth/v1/#")).isLessThan(0x80);
            Conditions.until(Duration.ofSeconds(15), () -> a.connected() && b.connected(), () -> "both gateways up");

            // gateway A's credentials, used by hand. Mosquitto 2.0's acl_file grants a SUBSCRIBE it
            // cannot judge by its filter and checks each message at delivery instead: whatever the
            // SUBACK says, nothing of home B may arrive (checked below, after B and the cloud published)
            for (String filter : List.of("hearth/v1/home-b/#", "hearth/v1/#", "hearth/v1/+/+/commands", B.commands())) {
                assertThat(intruder.subscribe(filter)).as(filter).isIn(1, NOT_AUTHORIZED);
            }
            assertThat(intruder.subscribe(A.commands())).isEqualTo(1); // its own
            byte[] forged = "forged".getBytes(StandardCharsets.UTF_8);
            for (String topic : List.of(B.state("lock"), B.commands(), "hearth/v1/home-b/replies/x", "hearth/v1/home-a/gw-z/status",
                    "hearth/v1/home-b/gw-a/status")) {
                assertThat(FleetClient.publishOnce(broker.uri(), "gw-a", "pw-a-0c1f", topic, forged, true)).as(topic).isEqualTo(NOT_AUTHORIZED);
            }

            for (long id = 1; id <= 5; id++) {
                a.bridge.publishTelemetry(TestPayloads.telemetry(telemetry("lamp", id)));
                b.bridge.publishTelemetry(TestPayloads.telemetry(telemetry("lock", id)));
            }
            Conditions.until(Duration.ofSeconds(10), () -> cloud.matching(r -> r.topic().endsWith("/telemetry")).size() == 10,
                    () -> "cloud got " + cloud.received().stream().map(FleetClient.Received::topic).toList());
            assertThat(cloud.matching(r -> r.topic().equals(A.telemetry("lamp")))).hasSize(5);
            assertThat(cloud.matching(r -> r.topic().equals(B.telemetry("lock")))).hasSize(5);
            // the cloud may write B's commands (the gateway's gate checks their signature); they reach B, not A's credentials
            assertThat(cloud.publish(B.commands(), "not-signed".getBytes(StandardCharsets.UTF_8), false)).isLessThan(0x80);
            assertThat(FleetClient.publishOnce(broker.uri(), "hearth-cloud", "pw-cloud-91aa", B.state("lock"), forged, true))
                    .as("the cloud writes commands only").isEqualTo(NOT_AUTHORIZED);
            Conditions.until(Duration.ofSeconds(10), () -> b.counters.toString().contains("answered") || b.counters.toString().contains("unanswerable"),
                    () -> "B got the command: " + b.counters);
            // the forged messages never reached anyone; nothing of home B reached A's credentials
            assertThat(cloud.matching(r -> new String(r.payload(), StandardCharsets.UTF_8).equals("forged"))).isEmpty();
            assertThat(intruder.received()).isEmpty();
            assertThat(a.counters.get("refused") + b.counters.get("refused") + a.counters.get("subscribe.refused")).isZero();
        }
    }

    @Test
    void aGatewayConfiguredWithAnotherHomesTopicsIsRefusedAndCountsTheRefusals() throws Exception {
        // gw-a's credentials with home B's topic tree: the bridge as a compromised or misconfigured gateway
        CloudTopics wrong = new CloudTopics("hearth/v1", "home-b", "gw-a");
        try (var cloud = new FleetClient(broker.uri(), "hearth-cloud", "pw-cloud-91aa");
                var liar = new FleetGateway(dir, wrong, "gw-a", "pw-a-0c1f", List.of(broker.uri()), RetainedSnapshot.empty())) {
            assertThat(cloud.subscribe("hearth/v1/home-b/#")).isLessThan(0x80);
            liar.bridge.publishTelemetry(TestPayloads.telemetry(telemetry("lamp", 1)));
            // its birth (and then its telemetry) come back with PUBACK 0x87: counted by kind and reason code
            Conditions.until(Duration.ofSeconds(15), () -> liar.counters.get("refused.STATUS." + NOT_AUTHORIZED) >= 2,
                    () -> "refusals counted: " + liar.counters);
            assertThat(liar.counters.get("refused")).isEqualTo(liar.counters.get("refused.STATUS." + NOT_AUTHORIZED)
                    + liar.counters.get("refused.TELEMETRY." + NOT_AUTHORIZED));
            assertThat(liar.counters.get("delivered.TELEMETRY")).isZero();
            assertThat(cloud.matching(r -> r.topic().startsWith(wrong.root() + "/"))).as("nothing the broker refused was delivered").isEmpty();
        }
    }

    @Test
    void unknownUsersAndWrongPasswordsAreRefusedAtConnect() {
        assertThatThrownBy(() -> new FleetClient(broker.uri(), "gw-a", "wrong")).isInstanceOf(MqttException.class);
        assertThatThrownBy(() -> new FleetClient(broker.uri(), "gw-x", "pw-a-0c1f")).isInstanceOf(MqttException.class);
    }
}
