package dev.hearth.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.core.api.GatewayUnderTest.Entry;
import dev.hearth.core.api.GatewayUnderTest.Reply;
import dev.hearth.testkit.Conditions;
import dev.hearth.driver.api.value.Value;
import dev.hearth.simulator.miio.MiioDeviceKind;
import dev.hearth.simulator.miio.MiioFleet;
import dev.hearth.simulator.miio.SimulatedMiioDevice;
import dev.hearth.simulator.nativedev.DeviceKind;
import dev.hearth.simulator.nativedev.NativeFleet;
import dev.hearth.simulator.nativedev.SimulatedDevice;
import dev.hearth.simulator.nativedev.SimulatorRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local API of a real gateway assembly (temporary data directory, generated configuration,
 * SQLite, Netty HTTP on 127.0.0.1) with simulated native and miIO devices reached through static
 * entries: what the list shows, commands reaching the devices, errors as JSON, rooms, shares,
 * the discovery inbox and adoption that survives a restart, health and metrics.
 */
class GatewayApiIT {
    private static final String LAMP = "native-lamp-001";
    private static final String PLUG = "native-plug-002";
    private static final String SENSOR = "native-sensor-003";
    /** Configured without its key: it waits in the discovery inbox. */
    private static final String NEW_LAMP = "native-lamp-004";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir Path dir;
    private SimulatorRuntime runtime;
    private NativeFleet fleet;
    private MiioFleet miio;
    private SimulatedMiioDevice fan;
    private GatewayUnderTest gw;

    @BeforeEach
    void start() throws Exception {
        runtime = SimulatorRuntime.system(Optional.empty());
        NativeFleet.Spec spec = NativeFleet.Spec.of(4, MiioFleet.address(127, 0, 0, 1))
                .withKinds(List.of(DeviceKind.LAMP, DeviceKind.PLUG, DeviceKind.SENSOR, DeviceKind.LAMP));
        fleet = NativeFleet.start(spec, runtime);
        miio = MiioFleet.start(new MiioFleet.Options(1, List.of(MiioDeviceKind.LEGACY_FAN), MiioFleet.address(127, 0, 0, 1), 0, false));
        fan = miio.devices().get(0);
        List<Entry> entries = new ArrayList<>();
        for (SimulatedDevice d : fleet.devices()) {
            Optional<byte[]> key = d.deviceId().equals(NEW_LAMP) ? Optional.empty() : Optional.of(d.key().bytes());
            entries.add(new Entry(d.deviceId(), "native", d.model().model(), "127.0.0.1", d.port(), key));
        }
        entries.add(new Entry(fan.gatewayDeviceId(), "miio", fan.model(), "127.0.0.1", fan.address().getPort(), Optional.of(fan.token().bytes())));
        gw = GatewayUnderTest.start(dir, entries);
        gw.awaitOnline(LAMP, PLUG, SENSOR, fan.gatewayDeviceId());
    }

    @AfterEach
    void stop() throws Exception {
        if (gw != null) gw.close();
        if (fleet != null) fleet.close();
        if (miio != null) miio.close();
        if (runtime != null) runtime.close();
    }

    @Test
    void refusesTheApiWithoutTheTokenButServesHealthReadinessAndMetrics() {
        Reply refused = gw.getWithoutToken("/api/v1/devices");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().path("error").path("code").asText()).isEqualTo("unauthorized");
        assertThat(gw.getWithoutToken("/api/v1/events").status()).isEqualTo(401);

        assertThat(gw.getWithoutToken("/healthz").status()).isEqualTo(200);
        Reply ready = gw.getWithoutToken("/readyz");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().path("ready").asBoolean()).isTrue();
        assertThat(ready.json().path("devices").asInt()).isEqualTo(4);

        long onlineNative = 0;
        for (JsonNode d : gw.get("/api/v1/devices").json()) {
            if (d.path("protocol").asText().equals("native") && d.path("status").path("status").asText().equals("online")) onlineNative++;
        }
        assertThat(onlineNative).isEqualTo(3);
        Reply metrics = gw.getWithoutToken("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(gauge(metrics.text(), "hearth_devices", "protocol=\"native\",status=\"online\"")).isEqualTo(3.0);
        assertThat(gauge(metrics.text(), "hearth_devices", "protocol=\"miio\",status=\"online\"")).isEqualTo(1.0);
    }

    @Test
    void listsDevicesWithStatusRoomShareAndStateButNeverASecret() {
        JsonNode lamp = gw.listed(LAMP);
        assertThat(lamp.path("status").path("status").asText()).isEqualTo("online");
        assertThat(lamp.path("roomId").asText()).isEmpty();
        assertThat(lamp.path("share").path("sharedWith").asInt()).isZero();
        assertThat(lamp.path("model").asText()).isEqualTo("hearth.light.lamp1");
        assertThat(lamp.path("state").path("2.1").isBoolean()).isTrue();
        assertThat(lamp.path("labels").path("2.2").asText()).isEqualTo("brightness");
        assertThat(lamp.path("units").path("2.2").asText()).isEqualTo("percentage");
        assertThat(lamp.path("classes").path("2.2").asText()).isEqualTo("telemetry");
        assertThat(lamp.path("classes").path("1.1").asText()).isEqualTo("personal");
        assertThat(lamp.path("controls").path("power").path("key").asText()).isEqualTo("2.1");
        assertThat(lamp.path("controls").path("power").path("on").asBoolean()).isTrue();
        assertThat(lamp.path("controls").path("brightness").path("min").asInt()).isEqualTo(1);
        assertThat(gw.listed(SENSOR).path("controls").size()).isZero();

        // the fan's miIO.info carries its token: SECRET, it stays in the session; the registry and the API never see it
        String fanId = fan.gatewayDeviceId();
        Conditions.await("the fan's miIO.info in its state", WAIT,
                () -> gw.gateway().registry().find(fanId).map(d -> d.state().containsKey("1.6")).orElse(false));
        assertThat(gw.gateway().registry().find(fanId).orElseThrow().state()).doesNotContainKey("1.9");
        Conditions.await("the fan's polled state", WAIT, () -> gw.listed(fanId).path("state").has("2.1"));
        JsonNode listedFan = gw.listed(fanId);
        assertThat(listedFan.path("state").has("1.9")).isFalse();
        assertThat(listedFan.path("labels").has("1.9")).isFalse();
        assertThat(listedFan.path("state").has("1.1")).isTrue();
        assertThat(listedFan.toString()).doesNotContain(fan.token().toHex());
        assertThat(gw.get("/api/v1/devices/" + fanId).text()).doesNotContain(fan.token().toHex());
        // legacy fans switch with the text "on"/"off": the switch control says so
        assertThat(listedFan.path("controls").path("power").path("key").asText()).isEqualTo("2.1");
        assertThat(listedFan.path("controls").path("power").path("on").asText()).isEqualTo("on");
        assertThat(listedFan.path("controls").path("power").path("off").asText()).isEqualTo("off");

        Reply one = gw.get("/api/v1/devices/" + LAMP);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().path("id").asText()).isEqualTo(LAMP);
        assertThat(gw.get("/api/v1/devices/no-such-device").status()).isEqualTo(404);
    }

    @Test
    void setsPropertiesAndInvokesActionsOnTheSimulatedDevices() {
        SimulatedDevice lamp = fleet.device(LAMP);
        assertThat(lamp.property("2.1")).contains(Value.of(false));

        Reply on = gw.post("/api/v1/devices/" + LAMP + "/properties", Map.of("values", Map.of("2.1", true, "2.2", 80)));
        assertThat(on.status()).as(on.text()).isEqualTo(200);
        assertThat(on.json().path("status").asText()).isEqualTo("OK");
        assertThat(lamp.property("2.1")).contains(Value.of(true));
        assertThat(lamp.property("2.2")).contains(Value.of(80L));
        Conditions.await("the lamp's new state in the list", WAIT,
                () -> gw.listed(LAMP).path("state").path("2.2").asInt() == 80);

        Reply toggled = gw.post("/api/v1/devices/" + LAMP + "/actions/2.1", "{\"args\": []}");
        assertThat(toggled.status()).as(toggled.text()).isEqualTo(200);
        assertThat(lamp.property("2.1")).contains(Value.of(false));
        Reply noBody = gw.post("/api/v1/devices/" + LAMP + "/actions/2.1", "");
        assertThat(noBody.status()).as(noBody.text()).isEqualTo(200);
        assertThat(lamp.property("2.1")).contains(Value.of(true));

        Reply fanOn = gw.post("/api/v1/devices/" + fan.gatewayDeviceId() + "/properties", Map.of("values", Map.of("2.1", "on")));
        assertThat(fanOn.status()).as(fanOn.text()).isEqualTo(200);
        assertThat(fan.state().get("power").asText()).isEqualTo("on");
    }

    @Test
    void answersBadRequestsWithJsonErrors() throws Exception {
        String props = "/api/v1/devices/" + LAMP + "/properties";
        assertError(gw.post(props, Map.of("values", Map.of("9.9", true))), 400);
        assertError(gw.post(props, Map.of("values", Map.of("2.1", "bright"))), 400);
        assertError(gw.post(props, Map.of("values", Map.of("2.2", 1000))), 400);
        assertError(gw.post(props, "{\"values\": {\"2.1\": null}}"), 400);
        // a null for a text property would otherwise reach the fan as the word "null"
        assertError(gw.post("/api/v1/devices/" + fan.gatewayDeviceId() + "/properties", "{\"values\": {\"2.5\": null}}"), 400);
        assertError(gw.post("/api/v1/devices/" + LAMP + "/actions/2.1", "{\"args\": [null]}"), 400);
        assertError(gw.post(props, Map.of("values", Map.of())), 400);
        assertError(gw.post(props, Map.of("values", List.of(true))), 400);
        assertError(gw.post(props, "{\"values\": {\"2.1\": tru"), 400);
        assertError(gw.post(props, ""), 400);
        assertError(gw.post("/api/v1/devices/" + LAMP + "/actions/2.1", "{\"args\": 5}"), 400);
        assertError(gw.post("/api/v1/devices/" + LAMP + "/actions/7.7", "{}"), 400);
        assertError(gw.post("/api/v1/rooms", "not json at all"), 400);
        assertError(gw.post("/api/v1/rooms", "[1, 2]"), 400);
        assertError(gw.post("/api/v1/shares", "{\"grantee\": \"u2\", \"privilege\": \"view\"}"), 400);
        assertError(gw.post("/api/v1/shares", "{\"grantee\": \"u2\", \"privilege\": \"god\", \"scope\": {\"home\": true}}"), 400);
        assertError(gw.post("/api/v1/devices/" + LAMP, "{\"name\": \"  \"}"), 400);
        assertError(gw.post("/api/v1/devices/" + LAMP, "{\"roomId\": \"r_nope\"}"), 400);
        assertThat(fleet.device(LAMP).property("2.1")).contains(Value.of(false));

        assertError(gw.post("/api/v1/devices/no-such-device/properties", Map.of("values", Map.of("2.1", true))), 404);
        assertError(gw.post("/api/v1/devices/no-such-device/actions/2.1", "{}"), 404);
        assertError(gw.post("/api/v1/devices/no-such-device", Map.of("name", "x")), 404);
        assertError(gw.get("/api/v1/no-such-thing"), 404);

        fleet.device(PLUG).stop();
        Conditions.await("the plug offline", WAIT, () -> !gw.online(PLUG));
        Reply offline = gw.post("/api/v1/devices/" + PLUG + "/properties", Map.of("values", Map.of("2.1", false)));
        assertError(offline, 409);
        assertThat(offline.json().path("error").path("code").asText()).isEqualTo("device_offline");
        assertThat(gw.listed(PLUG).path("status").path("status").asText()).isEqualTo("offline");
    }

    @Test
    void roomsAndAssignmentsShowInTheDeviceList() {
        Reply study = gw.post("/api/v1/rooms", Map.of("name", "Study"));
        assertThat(study.status()).as(study.text()).isEqualTo(201);
        String studyId = study.json().path("id").asText();
        Reply kitchen = gw.post("/api/v1/rooms", Map.of("name", "Kitchen"));
        String kitchenId = kitchen.json().path("id").asText();
        assertError(gw.post("/api/v1/rooms", Map.of("name", "Study")), 409);
        assertThat(gw.get("/api/v1/rooms").json().findValuesAsText("name")).containsExactlyInAnyOrder("Study", "Kitchen");

        Reply moved = gw.post("/api/v1/devices/" + LAMP, Map.of("roomId", studyId, "name", "Desk lamp"));
        assertThat(moved.status()).as(moved.text()).isEqualTo(200);
        gw.post("/api/v1/devices/" + PLUG, Map.of("roomId", kitchenId));
        assertThat(gw.listed(LAMP).path("roomId").asText()).isEqualTo(studyId);
        assertThat(gw.listed(LAMP).path("name").asText()).isEqualTo("Desk lamp");
        assertThat(gw.listed(PLUG).path("roomId").asText()).isEqualTo(kitchenId);

        Reply renamed = gw.post("/api/v1/rooms/" + studyId, Map.of("name", "Office"));
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().path("name").asText()).isEqualTo("Office");
        assertError(gw.post("/api/v1/rooms/r_nope", Map.of("name", "Attic")), 404);

        Reply deleted = gw.delete("/api/v1/rooms/" + studyId);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().path("unassignedDevices").toString()).isEqualTo("[\"" + LAMP + "\"]");
        assertThat(gw.listed(LAMP).path("roomId").asText()).isEmpty();
        assertThat(gw.listed(PLUG).path("roomId").asText()).isEqualTo(kitchenId);
        assertError(gw.delete("/api/v1/rooms/" + studyId), 404);

        gw.post("/api/v1/devices/" + PLUG, "{\"roomId\": \"\"}");
        assertThat(gw.listed(PLUG).path("roomId").asText()).isEmpty();
    }

    @Test
    void aShareChangesWhoTheDeviceIsSharedWithUntilItIsRevoked() {
        Reply offered = gw.post("/api/v1/shares", Map.of("grantee", "u2", "privilege", "operate", "scope", Map.of("device", LAMP)));
        assertThat(offered.status()).as(offered.text()).isEqualTo(201);
        assertThat(offered.json().path("state").asText()).isEqualTo("pending");
        String shareId = offered.json().path("id").asText();
        assertThat(gw.listed(LAMP).path("share").path("sharedWith").asInt()).isZero();

        // the grantee accepts in their app, through the cloud: not a local API call
        gw.gateway().shares().accept("u2", shareId, gw.gateway().clock().instant());
        assertThat(gw.listed(LAMP).path("share").path("sharedWith").asInt()).isEqualTo(1);
        assertThat(gw.listed(LAMP).path("share").path("sharedBy").get(0).asText()).isEqualTo("u1");
        assertThat(gw.listed(PLUG).path("share").path("sharedWith").asInt()).isZero();
        assertThat(gw.get("/api/v1/shares").json().findValuesAsText("id")).containsExactly(shareId);

        Reply revoked = gw.delete("/api/v1/shares/" + shareId);
        assertThat(revoked.status()).as(revoked.text()).isEqualTo(200);
        assertThat(revoked.json().path("state").asText()).isEqualTo("revoked");
        assertThat(gw.listed(LAMP).path("share").path("sharedWith").asInt()).isZero();
        assertError(gw.delete("/api/v1/shares/s_nope"), 404);
        assertError(gw.post("/api/v1/shares", Map.of("grantee", "u2", "privilege", "view", "scope", Map.of("device", "no-such-device"))), 404);
        // bad input is a 400 with a reason, never a 500 (issue 21)
        assertError(gw.post("/api/v1/shares", Map.of("grantee", "u2", "privilege", "view", "scope", Map.of("device", Map.of()))), 400);
        assertError(gw.post("/api/v1/shares", Map.of("grantee", "u2", "privilege", "view", "scope", Map.of("roomId", 7))), 400);
        assertError(gw.post("/api/v1/shares", Map.of("grantee", "erased", "privilege", "view", "scope", Map.of("device", LAMP))), 400);
    }

    @Test
    void adoptsAnInboxDeviceWithItsKeyAndRemembersTheKeyAcrossARestart() throws Exception {
        Conditions.await("the new lamp in the inbox", WAIT,
                () -> gw.get("/api/v1/inbox").json().findValuesAsText("deviceId").contains(NEW_LAMP));
        JsonNode entry = gw.get("/api/v1/inbox").json().get(0);
        assertThat(entry.path("protocol").asText()).isEqualTo("native");
        assertThat(entry.path("model").asText()).isEqualTo("hearth.light.lamp1");
        assertThat(entry.path("reason").asText()).contains("no key");
        assertThat(gw.online(NEW_LAMP)).isFalse();
        String key = HexFormat.of().formatHex(fleet.device(NEW_LAMP).key().bytes());

        assertError(gw.post("/api/v1/inbox/" + NEW_LAMP + "/adopt", "{}"), 409);
        assertError(gw.post("/api/v1/inbox/" + NEW_LAMP + "/adopt", Map.of("secret", "not hex")), 400);
        assertError(gw.post("/api/v1/inbox/" + NEW_LAMP + "/adopt", "{\"secret\": "), 400);
        // a key for a device nobody discovered is refused and not written anywhere
        assertError(gw.post("/api/v1/inbox/native-ghost-999/adopt", Map.of("secret", key)), 404);
        assertThat(Files.readString(gw.secretsFile())).doesNotContain("native-ghost-999");
        assertThat(gw.gateway().secrets().deviceSecret("native-ghost-999")).isEmpty();

        Reply adopted = gw.post("/api/v1/inbox/" + NEW_LAMP + "/adopt", Map.of("secret", key.toUpperCase()));
        assertThat(adopted.status()).as(adopted.text()).isEqualTo(200);
        assertThat(adopted.json().path("result").asText()).isEqualTo("ADOPTED");
        gw.awaitOnline(NEW_LAMP);
        assertThat(gw.get("/api/v1/inbox").json().size()).isZero();
        assertThat(gw.listed(NEW_LAMP).path("status").path("status").asText()).isEqualTo("online");
        assertThat(Files.readString(gw.secretsFile())).contains(NEW_LAMP).contains(key);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(gw.secretsFile()))).isEqualTo("rw-------");
        assertThat(gw.post("/api/v1/inbox/" + NEW_LAMP + "/adopt", "{}").json().path("result").asText()).isEqualTo("ALREADY_ADOPTED");

        gw.restart();
        gw.awaitOnline(NEW_LAMP, LAMP);
        assertThat(gw.get("/api/v1/inbox").json().size()).isZero();
        Reply on = gw.post("/api/v1/devices/" + NEW_LAMP + "/properties", Map.of("values", Map.of("2.1", true)));
        assertThat(on.status()).as(on.text()).isEqualTo(200);
        assertThat(fleet.device(NEW_LAMP).property("2.1")).contains(Value.of(true));
    }

    @Test
    void anotherModelAnnouncedForAConfiguredDeviceIsShownInTheInboxAndOnlyTheConfigCanChangeIt() {
        var forged = new dev.hearth.driver.api.DiscoveredDevice(LAMP, "native", "unknown.model",
                new java.net.InetSocketAddress("127.0.0.1", fleet.device(LAMP).port()), Map.of());
        gw.gateway().adoption().discovered(forged, new dev.hearth.driver.api.Announcement("_hearth._tcp.local.", LAMP,
                List.of(), fleet.device(LAMP).port(), Map.of("id", LAMP, "model", "unknown.model")));

        JsonNode entry = null;
        for (JsonNode e : gw.get("/api/v1/inbox").json()) {
            if (e.path("deviceId").asText().equals(LAMP)) entry = e;
        }
        assertThat(entry).as("the lamp's notice in the inbox").isNotNull();
        assertThat(entry.path("kind").asText()).isEqualTo("MODEL_CHANGED");
        assertThat(entry.path("model").asText()).isEqualTo("unknown.model");
        assertError(gw.post("/api/v1/inbox/" + LAMP + "/accept-model", "{}"), 409);
        assertError(gw.post("/api/v1/inbox/" + PLUG + "/accept-model", "{}"), 404);
        assertThat(gw.listed(LAMP).path("model").asText()).isEqualTo("hearth.light.lamp1");
        assertThat(gw.online(LAMP)).isTrue();
    }

    private static void assertError(Reply r, int status) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.json().path("error").path("message").asText()).as(r.text()).isNotBlank();
    }

    private static double gauge(String scrape, String name, String labels) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{([^}]*)\\} (\\S+)$").matcher(scrape);
        while (m.find()) {
            if (m.group(1).contains(labels)) return Double.parseDouble(m.group(2));
        }
        throw new AssertionError("no " + name + "{" + labels + "} in\n" + scrape);
    }
}
