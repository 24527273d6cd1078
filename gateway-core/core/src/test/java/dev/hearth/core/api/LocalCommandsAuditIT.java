package dev.hearth.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.access.AuditEntry;
import dev.hearth.core.api.GatewayUnderTest.Entry;
import dev.hearth.core.api.GatewayUnderTest.Reply;
import dev.hearth.driver.api.value.Value;
import dev.hearth.simulator.miio.MiioFleet;
import dev.hearth.simulator.nativedev.DeviceKind;
import dev.hearth.simulator.nativedev.NativeFleet;
import dev.hearth.simulator.nativedev.SimulatedDevice;
import dev.hearth.simulator.nativedev.SimulatorRuntime;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local API's device commands take the command path of cloud commands (issue 12, item 5): the
 * API token acts as the home owner, the access policy decides, the decision is in the audit log,
 * and the command metrics count it, as for a signed command from the cloud.
 */
class LocalCommandsAuditIT {
    private static final String OWNER = "u1"; // GatewayUnderTest's home owner

    @TempDir Path dir;
    private SimulatorRuntime runtime;
    private NativeFleet fleet;
    private GatewayUnderTest gw;
    private String lamp;

    @BeforeEach
    void start() throws Exception {
        runtime = SimulatorRuntime.system(Optional.empty());
        fleet = NativeFleet.start(NativeFleet.Spec.of(1, MiioFleet.address(127, 0, 0, 1)).withKinds(List.of(DeviceKind.LAMP)), runtime);
        SimulatedDevice d = fleet.devices().get(0);
        lamp = d.deviceId();
        gw = GatewayUnderTest.start(dir, List.of(new Entry(lamp, "native", d.model().model(), "127.0.0.1", d.port(), Optional.of(d.key().bytes()))));
        gw.awaitOnline(lamp);
    }

    @AfterEach
    void stop() throws Exception {
        if (gw != null) gw.close();
        if (fleet != null) fleet.close();
        if (runtime != null) runtime.close();
    }

    @Test
    void aLocalApiCommandByTheOwnerIsDecidedByThePolicyAndAppearsInTheAuditLog() {
        Reply on = gw.post("/api/v1/devices/" + lamp + "/properties", Map.of("values", Map.of("2.1", true)));

        assertThat(on.status()).as(on.text()).isEqualTo(200);
        assertThat(fleet.device(lamp).property("2.1")).contains(Value.of(true));
        String owner = gw.gateway().pseudonymiser().pseudonym(OWNER);
        assertThat(gw.gateway().audit().read()).anySatisfy(e -> {
            assertThat(e.user()).isEqualTo(owner);
            assertThat(e.operation()).isEqualTo("set_properties");
            assertThat(e.target()).isEqualTo("device:" + lamp);
            assertThat(e.decision()).isEqualTo("ALLOW");
            assertThat(e.code()).isEqualTo("OWNER");
        });
        assertThat(gw.get("/metrics").text()).contains("hearth_commands_total{operation=\"set_properties\",result=\"ok\"} 1.0")
                .contains("hearth_command_duration_seconds_count{operation=\"set_properties\",result=\"ok\"} 1");
    }

    @Test
    void aLocalApiCommandOnAnUnknownDeviceIsRefusedByThePolicyWithAReason() {
        Reply refused = gw.post("/api/v1/devices/no-such-device/actions/2.1", "{}");

        assertThat(refused.status()).as(refused.text()).isEqualTo(404);
        assertThat(refused.json().path("error").path("code").asText()).isEqualTo("unknown_target");
        assertThat(refused.json().path("error").path("message").asText()).contains("no-such-device").contains("not in this home");
        List<AuditEntry> audit = gw.gateway().audit().read();
        assertThat(audit).anySatisfy(e -> {
            assertThat(e.target()).isEqualTo("device:no-such-device");
            assertThat(e.decision()).isEqualTo("DENY");
            assertThat(e.code()).isEqualTo("UNKNOWN_TARGET");
        });
        assertThat(gw.get("/metrics").text())
                .contains("hearth_commands_refused_total{origin=\"local\",reason=\"unknown_target\"} 1.0");
    }
}
