package dev.hearth.core.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.core.access.AuditEntry;
import dev.hearth.core.cloud.CloudSubscriber;
import dev.hearth.testkit.MosquittoBroker;
import dev.hearth.testkit.Conditions;
import dev.hearth.driver.api.value.Value;
import dev.hearth.simulator.nativedev.DeviceKind;
import dev.hearth.simulator.nativedev.NativeFleet;
import dev.hearth.simulator.nativedev.SimulatedDevice;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The owner's review of undeclared fields, end to end: a simulated lamp reports a field its model
 * does not declare over the LAN protocol; with the default configuration it is listed on the local
 * API and nothing of it reaches Mosquitto (checked on the subscriber side); the owner allows it
 * and the next report carries it to the cloud; the decision is in the audit log and survives a restart.
 */
class UnknownFieldReviewIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String MODEL = "hearth.light.lamp1";
    private static final String FIELD = "fw_note";

    @TempDir Path dir;

    @Test
    void aNewFieldIsListedAndStaysHomeUntilTheOwnerAllowsItAndTheDecisionSurvivesARestart() throws Exception {
        InetAddress lo = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        NativeFleet.Spec spec = NativeFleet.Spec.of(1, lo).withKinds(List.of(DeviceKind.LAMP))
                .withTimings(Duration.ofSeconds(1), Duration.ofSeconds(30));
        try (var broker = MosquittoBroker.start(); var wire = new CloudSubscriber(broker.uri(), LanHome.TOPICS.all());
             var home = LanHome.start(dir, spec, broker.uri(), "")) {
            String lamp = home.fleet.ids().get(0);
            SimulatedDevice device = home.fleet.device(lamp);
            Conditions.await("the lamp's state in the cloud", WAIT, () -> CloudMessages.lastState(wire.received(), lamp).isPresent(),
                    wire::describe);

            // A new field: recorded for review, and it stays home.
            device.reportByName(Map.of(FIELD, Value.of("quiet-hours-on")));
            device.reportByName(Map.of("2.2", Value.of(41)));
            awaitBrightness(wire, lamp, 41);
            JsonNode listed = awaitListed(home);
            assertThat(listed.path("count").asLong()).isEqualTo(1);
            assertThat(listed.path("types").toString()).isEqualTo("[\"string\"]");
            assertThat(listed.path("decision").asText()).isEqualTo("undecided");
            assertThat(listed.path("detector").path("personal").asBoolean()).isFalse();
            assertThat(listed.toString()).doesNotContain("quiet-hours");
            assertThat(onTheWire(wire, "quiet-hours-on")).isFalse();
            assertThat(onTheWire(wire, FIELD)).isFalse();
            assertThat(home.gateway().registry().find(lamp).orElseThrow().state()).doesNotContainKey(FIELD);

            // The owner allows it as telemetry: the next report carries it, without a restart.
            LanHome.Reply allowed = home.post("/api/v1/privacy/unknown-fields/" + MODEL + "/" + FIELD, "{\"decision\":\"TELEMETRY\"}");
            assertThat(allowed.status()).as(allowed.json().toString()).isEqualTo(200);
            assertThat(allowed.json().path("decision").asText()).isEqualTo("TELEMETRY");
            device.reportByName(Map.of(FIELD, Value.of("quiet-hours-off")));
            Conditions.await("the allowed field in the cloud", WAIT, () -> onTheWire(wire, "quiet-hours-off"), wire::describe);
            assertThat(onTheWire(wire, "quiet-hours-on")).as("the report before the decision").isFalse();
            assertThat(home.gateway().audit().read()).anySatisfy(e -> assertDecision(e, "TELEMETRY"));

            // A declared field cannot be reclassified, and a bad decision is refused.
            assertThat(home.post("/api/v1/privacy/unknown-fields/" + MODEL + "/1.1", "{\"decision\":\"TELEMETRY\"}").status())
                    .isEqualTo(400);
            assertThat(home.post("/api/v1/privacy/unknown-fields/" + MODEL + "/" + FIELD, "{\"decision\":\"PERSONAL\"}").status())
                    .isEqualTo(400);

            // After a restart the decision still applies and is listed.
            home.restart();
            Conditions.await("the lamp online again", WAIT, () -> home.gateway().registry().find(lamp)
                    .map(d -> d.availability().status().name().equals("ONLINE")).orElse(false));
            Conditions.await("the lamp's session welcomed", WAIT, () -> device.connectedGateways() == 1);
            assertThat(home.get("/api/v1/privacy/unknown-fields").json().path("fields").toString())
                    .contains("\"field\":\"" + FIELD + "\"").contains("\"decision\":\"TELEMETRY\"");
            device.reportByName(Map.of(FIELD, Value.of("quiet-hours-later")));
            Conditions.await("the allowed field in the cloud after the restart", WAIT, () -> onTheWire(wire, "quiet-hours-later"),
                    wire::describe);
        }
    }

    private static void assertDecision(AuditEntry e, String decision) {
        assertThat(e.operation()).isEqualTo("review_unknown_field");
        assertThat(e.target()).isEqualTo("unknown-field:" + MODEL + "/" + FIELD);
        assertThat(e.code()).isEqualTo(decision);
        assertThat(e.user()).isNotEqualTo(LanHome.OWNER);
    }

    private static JsonNode awaitListed(LanHome home) {
        JsonNode[] found = new JsonNode[1];
        Conditions.await("the field listed for review", WAIT, () -> {
            for (JsonNode f : home.get("/api/v1/privacy/unknown-fields").json().path("fields")) {
                if (f.path("model").asText().equals(MODEL) && f.path("field").asText().equals(FIELD)) {
                    found[0] = f;
                    return true;
                }
            }
            return false;
        }, () -> home.get("/api/v1/privacy/unknown-fields").json().toString());
        return found[0];
    }

    private static void awaitBrightness(CloudSubscriber wire, String lamp, long brightness) {
        Conditions.await("brightness " + brightness + " in the cloud", WAIT, () -> CloudMessages.lastState(wire.received(), lamp)
                .flatMap(s -> CloudMessages.property(s, "2.2")).map(v -> v.getIntValue() == brightness).orElse(false), wire::describe);
    }

    /** Whether any byte sequence of any message the broker delivered contains {@code text}. */
    private static boolean onTheWire(CloudSubscriber wire, String text) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        for (CloudSubscriber.Received r : wire.received()) {
            if (indexOf(r.payload(), needle) >= 0 || r.topic().contains(text)) return true;
        }
        return false;
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

}
