package dev.hearth.core.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.cloud.CloudSubscriber;
import dev.hearth.testkit.MosquittoBroker;
import dev.hearth.testkit.Conditions;
import dev.hearth.driver.api.model.DeviceModel;
import dev.hearth.driver.api.value.Value;
import dev.hearth.protocols.cloud.v1.GatewayStatus;
import dev.hearth.simulator.nativedev.DeviceKind;
import dev.hearth.simulator.nativedev.NativeFleet;
import dev.hearth.simulator.nativedev.SimulatedDevice;
import io.micrometer.core.instrument.Counter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21, defect 7: one adopted device reporting about 300,000 distinct property names over the
 * LAN protocol must not grow its state, its SQLite row or its retained state message, and must
 * not cost the gateway its cloud link; a value outside its declared range is not published.
 */
class BoundedDeviceStateIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int FRAMES = 150;
    private static final int NAMES_PER_FRAME = 2000;
    private static final int BURST = 25;

    @TempDir Path dir;

    @Test
    void aDeviceReporting300000PropertyNamesKeepsItsStateItsRowAndItsRetainedStateSmallAndTheLinkUp() throws Exception {
        InetAddress lo = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        NativeFleet.Spec spec = NativeFleet.Spec.of(1, lo).withKinds(List.of(DeviceKind.LAMP))
                .withTimings(Duration.ofSeconds(1), Duration.ofSeconds(30));
        try (var broker = MosquittoBroker.start(); var wire = new CloudSubscriber(broker.uri(), LanHome.TOPICS.all());
             var home = LanHome.start(dir, spec, broker.uri(), "")) {
            String lamp = home.fleet.ids().get(0);
            SimulatedDevice rogue = home.fleet.device(lamp);
            Conditions.await("the lamp's state in the cloud", WAIT, () -> CloudMessages.lastState(wire.received(), lamp).isPresent(),
                    wire::describe);
            Counter unknown = home.gateway().metrics().registry().counter("hearth.device.values.rejected",
                    "protocol", "native", "reason", "unknown_field");

            // 300,000 distinct names in 150 frames of 2,000, each with a declared brightness as a marker, in
            // bursts paced by the registry having taken the burst's last marker (below the flood limit)
            for (int frame = 0; frame < FRAMES; frame++) {
                Map<String, Value> names = new LinkedHashMap<>();
                for (int i = 0; i < NAMES_PER_FRAME; i++) names.put("f" + frame + "_" + i, Value.of(i));
                long marker = frame % 90 + 1;
                names.put("2.2", Value.of(marker));
                rogue.reportByName(names);
                if ((frame + 1) % BURST == 0) {
                    Conditions.await("the registry through " + (frame + 1) + " frames", WAIT, () -> home.gateway().registry()
                            .find(lamp).map(d -> Value.of(marker).equals(d.state().get("2.2"))).orElse(false));
                }
            }
            rogue.reportByName(Map.of("2.2", Value.of(Long.MAX_VALUE)));
            rogue.reportByName(Map.of("2.2", Value.of(57)));
            Conditions.await("brightness 57 in the cloud", WAIT, () -> CloudMessages.lastState(wire.received(), lamp)
                    .flatMap(s -> CloudMessages.property(s, "2.2")).map(v -> v.getIntValue() == 57).orElse(false), wire::describe);

            // The state holds only what the model declares; brightness Long.MAX was never taken.
            DeviceModel model = rogue.model();
            Set<String> declared = model.properties().stream().map(DeviceModel.PropertyRef::key).collect(Collectors.toSet());
            Map<String, Value> state = home.gateway().registry().find(lamp).orElseThrow().state();
            assertThat(declared).containsAll(state.keySet());
            assertThat(state).containsEntry("2.2", Value.of(57));
            assertThat(unknown.count()).isGreaterThanOrEqualTo(FRAMES * (double) NAMES_PER_FRAME);
            assertThat(home.gateway().metrics().registry().counter("hearth.device.values.rejected",
                    "protocol", "native", "reason", "out_of_range").count()).isGreaterThanOrEqualTo(1);
            assertThat(wire.received().stream().map(r -> CloudMessages.state(r, lamp)).flatMap(java.util.Optional::stream)
                    .flatMap(s -> CloudMessages.property(s, "2.2").stream())).noneMatch(v -> v.getIntValue() == Long.MAX_VALUE);

            // The SQLite row stays small.
            home.gateway().registry().flush();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.data.resolve("hearth.db"));
                 PreparedStatement p = c.prepareStatement("SELECT length(state) FROM registry_device WHERE id = ?")) {
                p.setString(1, lamp);
                try (ResultSet r = p.executeQuery()) {
                    assertThat(r.next()).isTrue();
                    assertThat(r.getInt(1)).isLessThan(1024);
                }
            }

            // The retained state, as a subscriber that comes now gets it, is small and declared-only.
            try (var late = new CloudSubscriber(broker.uri(), LanHome.TOPICS.state(lamp))) {
                Conditions.await("the retained state", WAIT, () -> !late.received().isEmpty(), late::describe);
                CloudSubscriber.Received retained = late.received().get(0);
                assertThat(retained.retained()).isTrue();
                assertThat(retained.payload().length).isLessThan(1024);
                assertThat(CloudMessages.state(retained, lamp).orElseThrow().getPropertiesList())
                        .allSatisfy(p -> assertThat(declared).contains(p.getKey()));
            }

            // The cloud link was never lost: one birth, still connected.
            assertThat(home.gateway().brokerLink()).isEqualTo("connected");
            assertThat(wire.received().stream().map(CloudMessages::status).flatMap(java.util.Optional::stream)
                    .filter(s -> s.getState() == GatewayStatus.State.ONLINE)).hasSize(1);
        }
    }
}
