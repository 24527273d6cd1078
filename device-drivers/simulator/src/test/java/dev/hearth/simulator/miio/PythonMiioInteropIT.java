package dev.hearth.simulator.miio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Debian's python3-miio (0.5.0.1) talks to the simulated devices: handshake, miIO.info, get_prop,
 * a setter and a refused setter on the legacy fan; get/set_properties on the MIoT plug; the wire
 * variants of third-party firmware and a device that drops recently seen ids. It reads
 * at most 1,024 bytes of a reply, so this also proves our replies fit. Needs 127.0.0.x on port
 * 54321: run in a network namespace.
 */
class PythonMiioInteropIT {
    static final Path SCRIPT = Path.of("src/test/python/python_miio_client.py");
    static MiioFleet fleet;
    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void startFleet() throws Exception {
        assertThat(Path.of("/usr/bin/python3")).as("python3 is missing: apt-get install -y python3-miio").exists();
        // fan, plug, a fan of its own for the id-memory case, (a plug unused) and a fan of its own for the
        // wire variants: no case sees another's faults or state, whatever order JUnit runs them in
        fleet = MiioFleet.start(MiioFleet.Options.of(5).withAnnounce(false).startingAt(MiioFleet.address(127, 0, 0, 2)));
    }

    @AfterAll
    static void stopFleet() throws Exception {
        fleet.close();
    }

    JsonNode drive(SimulatedMiioDevice d, String kind) throws Exception {
        ExternalProcess p = ExternalProcess.run(List.of("/usr/bin/python3", SCRIPT.toString(),
                d.address().getAddress().getHostAddress(), d.token().toHex(), kind), Path.of("."), Map.of(), Duration.ofSeconds(60));
        assertThat(p.stderr()).as("python3-miio is missing: apt-get install -y python3-miio").doesNotContain("No module named 'miio'");
        assertThat(p.exitCode()).as("python-miio said: %s %s", p.stdout(), p.stderr()).isZero();
        return json.readTree(p.lastLine());
    }

    @Test
    void pythonMiioReadsAndSetsTheLegacyFan() throws Exception {
        SimulatedMiioDevice fan = fleet.devices().get(0);
        assertThat(fan.kind()).isEqualTo(MiioDeviceKind.LEGACY_FAN);
        JsonNode out = drive(fan, "fan");
        assertThat(out.at("/info/model").asText()).isEqualTo("zhimi.fan.v3");
        assertThat(out.at("/info/hasToken").asBoolean()).isTrue();
        assertThat(out.get("before").toString()).isEqualTo("[\"off\",35,60]");
        assertThat(out.get("set").toString()).isEqualTo("[\"ok\"]");
        assertThat(out.get("after").toString()).isEqualTo("[\"on\"]");
        assertThat(out.at("/badSet/code").asInt()).isEqualTo(-5001);
        assertThat(fan.state().get("power").asText()).isEqualTo("on");
    }

    @Test
    void pythonMiioTakesTheWireVariantsThirdPartyFirmwareWrites() throws Exception {
        SimulatedMiioDevice fan = fleet.devices().get(4);
        assertThat(fan.kind()).isEqualTo(MiioDeviceKind.LEGACY_FAN);
        fan.faults().repliesWithoutResult(true).scalarSetReplies(true).errorsUnderError(true);
        try {
            JsonNode out = drive(fan, "fan");
            // miIO.info without "result", a set acknowledged by a bare 0, an error's text under "error"
            assertThat(out.at("/info/model").asText()).isEqualTo("zhimi.fan.v3");
            assertThat(out.get("set").toString()).isEqualTo("0");
            assertThat(out.at("/badSet/code").asInt()).isEqualTo(-5001);
            assertThat(fan.state().get("power").asText()).isEqualTo("on");
        } finally {
            fan.faults().repliesWithoutResult(false).scalarSetReplies(false).errorsUnderError(false);
        }
    }

    @Test
    void pythonMiioStartedAgainGetsThroughADeviceThatDropsTheIdsItSawRecently() throws Exception {
        SimulatedMiioDevice fan = fleet.devices().get(2);
        assertThat(fan.kind()).isEqualTo(MiioDeviceKind.LEGACY_FAN);
        fan.faults().rememberIds(64);
        drive(fan, "fan");
        assertThat(fan.repeatedIdsDropped()).isZero();
        // a second run starts its ids over (0.5.0.1 keeps them nowhere): the device drops the repeat,
        // python-miio's retry after its timeout jumps 100 ids and is answered
        JsonNode again = drive(fan, "fan");
        assertThat(fan.repeatedIdsDropped()).isPositive();
        assertThat(again.at("/info/model").asText()).isEqualTo("zhimi.fan.v3");
        assertThat(again.get("before").toString()).isEqualTo("[\"on\",35,60]");
        assertThat(again.get("after").toString()).isEqualTo("[\"on\"]");
    }

    @Test
    void pythonMiioReadsAndSetsTheMiotPlug() throws Exception {
        SimulatedMiioDevice plug = fleet.devices().get(1);
        JsonNode out = drive(plug, "plug");
        assertThat(out.at("/info/model").asText()).isEqualTo("cuco.plug.v3");
        assertThat(out.at("/before/0/value").asBoolean()).isFalse();
        assertThat(out.at("/set/0/code").asInt()).isZero();
        assertThat(out.at("/after/0/value").asBoolean()).isTrue();
        assertThat(out.at("/after/0/did").asText()).isEqualTo(Long.toString(plug.deviceId()));
        assertThat(plug.state().get("2.1").asBoolean()).isTrue();
    }

    @Test
    void wrongTokenGetsNoAnswerAtAll() throws Exception {
        SimulatedMiioDevice fan = fleet.devices().get(0);
        long ignoredBefore = fan.ignoredPackets();
        ExternalProcess p = ExternalProcess.run(List.of("/usr/bin/python3", "-c",
                "from miio import Device\n"
                        + "d = Device('" + fan.address().getAddress().getHostAddress() + "', 'ffffffffffffffffffffffffffffffff')\n"
                        + "d._protocol._timeout = 1\n"
                        + "try:\n    d.send('get_prop', ['power'], retry_count=0)\n    print('answered')\n"
                        + "except Exception as e:\n    print('no answer: ' + type(e).__name__)\n"),
                Path.of("."), Map.of(), Duration.ofSeconds(30));
        assertThat(p.lastLine()).startsWith("no answer");
        assertThat(fan.ignoredPackets()).isGreaterThan(ignoredBefore);
    }
}
