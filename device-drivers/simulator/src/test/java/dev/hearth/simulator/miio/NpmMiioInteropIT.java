package dev.hearth.simulator.miio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The npm {@code miio} client (0.15.6, JavaScript) talks to the simulated devices, also with the
 * wire variants of third-party firmware it can take: set replies as a bare {@code 0}, error texts
 * under {@code "error"}, and a device that drops request ids it saw recently. It insists on
 * {@code "result"} in every success (so never {@link MiioFaults#repliesWithoutResult}), a non-zero
 * device id and {@code model} in miIO.info, and it never settles a call answered by a -5001 or
 * -5005 error without {@code "message"} (see interop.js). Needs
 * 127.0.0.x on port 54321: run in a network namespace. Its packages must be installed first:
 * {@code (cd device-drivers/simulator/src/test/node && npm ci)}.
 */
class NpmMiioInteropIT {
    static final Path NODE_DIR = Path.of("src/test/node");
    static MiioFleet fleet;
    final ObjectMapper json = new ObjectMapper();
    @TempDir
    Path home;

    @BeforeAll
    static void startFleet() throws Exception {
        assertThat(Files.isDirectory(NODE_DIR.resolve("node_modules/miio")))
                .as("npm miio is not installed: run (cd device-drivers/simulator/src/test/node && npm ci)")
                .isTrue();
        // fan, plug, fan, plug, ...: one device per test, so no test sees another's state or faults
        fleet = MiioFleet.start(MiioFleet.Options.of(7).withAnnounce(false).startingAt(MiioFleet.address(127, 0, 0, 4)));
    }

    @AfterAll
    static void stopFleet() throws Exception {
        if (fleet != null) fleet.close();
    }

    JsonNode drive(SimulatedMiioDevice d, String kind) throws Exception {
        // HOME: npm miio keeps a token cache under the user's data directory
        ExternalProcess p = ExternalProcess.run(List.of("node", "interop.js", d.address().getAddress().getHostAddress(),
                d.token().toHex(), kind), NODE_DIR, Map.of("HOME", home.toString()), Duration.ofSeconds(60));
        assertThat(p.exitCode()).as("npm miio said: %s %s", p.stdout(), p.stderr()).isZero();
        return json.readTree(p.lastLine());
    }

    @Test
    void npmMiioReadsAndSetsTheLegacyFan() throws Exception {
        SimulatedMiioDevice fan = fleet.devices().get(0);
        JsonNode out = drive(fan, "fan");
        assertThat(out.get("model").asText()).isEqualTo("zhimi.fan.v3");
        assertThat(out.at("/info/fw_ver").asText()).isNotBlank();
        assertThat(out.get("before").toString()).isEqualTo("[\"off\",35,60]");
        assertThat(out.get("set").toString()).isEqualTo("[\"ok\"]");
        assertThat(out.get("after").toString()).isEqualTo("[\"on\"]");
        assertThat(out.at("/badSet/code").asText()).isEqualTo("-5001");
        assertThat(out.at("/unknown/code").asInt()).isEqualTo(-32601);
        assertThat(out.at("/unknown/message").asText()).isEqualTo("Method not found.");
        assertThat(fan.state().get("power").asText()).isEqualTo("on");
    }

    @Test
    void npmMiioTakesABareZeroAsTheFansAnswerToASet() throws Exception {
        SimulatedMiioDevice fan = fleet.devices().get(2);
        fan.faults().scalarSetReplies(true);
        JsonNode out = drive(fan, "fan");
        assertThat(out.get("set").toString()).isEqualTo("0");
        assertThat(out.get("after").toString()).isEqualTo("[\"on\"]");
        // a failed set keeps its error: only a success is a bare 0
        assertThat(out.at("/badSet/code").asText()).isEqualTo("-5001");
        assertThat(fan.state().get("power").asText()).isEqualTo("on");
    }

    @Test
    void npmMiioTakesABareZeroAsThePlugsAnswerToSetProperties() throws Exception {
        SimulatedMiioDevice plug = fleet.devices().get(3);
        plug.faults().scalarSetReplies(true);
        JsonNode out = drive(plug, "plug");
        assertThat(out.get("set").toString()).isEqualTo("0");
        assertThat(out.at("/after/0/value").asBoolean()).isTrue();
        assertThat(plug.state().get("2.1").asBoolean()).isTrue();
    }

    @Test
    void npmMiioGetsTheCodeOfAnErrorWhoseTextIsUnderError() throws Exception {
        SimulatedMiioDevice fan = fleet.devices().get(4);
        fan.faults().errorsUnderError(true);
        JsonNode out = drive(fan, "fan-unknown-method");
        assertThat(out.at("/info/model").asText()).isEqualTo("zhimi.fan.v3");
        // the call fails with the device's code; npm miio reads a text only under "message", so it has none
        assertThat(out.at("/unknown/code").asInt()).isEqualTo(-32601);
        assertThat(out.at("/unknown/message").asText()).doesNotContain("Method not found.");
    }

    @Test
    void npmMiioStartedAgainGetsThroughADeviceThatDropsTheIdsItSawRecently() throws Exception {
        SimulatedMiioDevice fan = fleet.devices().get(6);
        fan.faults().rememberIds(64);
        drive(fan, "fan");
        assertThat(fan.repeatedIdsDropped()).isZero();
        // a second run starts its ids at 1 again: the device drops the repeats, npm miio's retry jumps 100 ids
        JsonNode again = drive(fan, "fan");
        assertThat(fan.repeatedIdsDropped()).isPositive();
        assertThat(again.get("before").toString()).isEqualTo("[\"on\",35,60]");
        assertThat(again.get("after").toString()).isEqualTo("[\"on\"]");
        assertThat(again.at("/badSet/code").asText()).isEqualTo("-5001");
    }

    @Test
    void npmMiioReadsAndSetsTheMiotPlug() throws Exception {
        SimulatedMiioDevice plug = fleet.devices().get(1);
        JsonNode out = drive(plug, "plug");
        assertThat(out.get("model").asText()).isEqualTo("cuco.plug.v3");
        assertThat(out.at("/before/0/value").asBoolean()).isFalse();
        assertThat(out.at("/set/0/code").asInt()).isZero();
        assertThat(out.at("/after/0/value").asBoolean()).isTrue();
        assertThat(plug.state().get("2.1").asBoolean()).isTrue();
    }
}
