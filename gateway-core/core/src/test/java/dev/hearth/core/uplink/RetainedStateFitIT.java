package dev.hearth.core.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.cloud.CloudSubscriber;
import dev.hearth.testkit.MosquittoBroker;
import dev.hearth.testkit.Conditions;
import dev.hearth.driver.api.value.Value;
import dev.hearth.protocols.cloud.v1.DeviceState;
import dev.hearth.protocols.cloud.v1.GatewayStatus;
import dev.hearth.simulator.nativedev.DeviceKind;
import dev.hearth.simulator.nativedev.NativeFleet;
import dev.hearth.simulator.nativedev.SimulatedDevice;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21, defect 7, the last part: a device's declared state can still be larger than the
 * broker's Maximum Packet Size (here Mosquitto's {@code max_packet_size 512}; a vacuum reporting a
 * 1,000-character status, within the model's 1,024). The retained state used to be refused at
 * enqueue, so the device had no current state in the cloud; now its longest text is cut short and
 * named in {@code truncated}, the rest is published whole, and the link stays up.
 */
class RetainedStateFitIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int MAX_PACKET = 512;

    @TempDir Path dir;

    @Test
    void aDeclaredStateLargerThanTheBrokersMaximumPacketIsPublishedCutShortNeverLeftOut() throws Exception {
        InetAddress lo = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        NativeFleet.Spec spec = NativeFleet.Spec.of(1, lo).withKinds(List.of(DeviceKind.VACUUM))
                .withTimings(Duration.ofSeconds(1), Duration.ofMinutes(5));
        try (var broker = MosquittoBroker.withConfig("max_packet_size " + MAX_PACKET + "\n");
             var wire = new CloudSubscriber(broker.uri(), LanHome.TOPICS.all());
             var home = LanHome.start(dir, spec, broker.uri(), "")) {
            String vacuum = home.fleet.ids().get(0);
            SimulatedDevice device = home.fleet.device(vacuum);
            Conditions.await("the vacuum's state in the cloud", WAIT, () -> CloudMessages.lastState(wire.received(), vacuum).isPresent(),
                    wire::describe);
            Conditions.await("the broker's limit learnt", WAIT, () -> home.gateway().cloud().orElseThrow().brokerMaxPacket() == MAX_PACKET);

            String status = "docking after a long run through the living room, " + "c".repeat(950);
            device.reportByName(Map.of("2.1", Value.of(status), "3.1", Value.of(42)));
            Conditions.await("the registry holds the long status", WAIT, () -> home.gateway().registry().find(vacuum)
                    .map(d -> Value.of(status).equals(d.state().get("2.1"))).orElse(false));

            try (var late = new CloudSubscriber(broker.uri(), LanHome.TOPICS.state(vacuum))) {
                Conditions.await("the retained state with the new level", WAIT, () -> late.received().stream()
                        .flatMap(r -> CloudMessages.state(r, vacuum).stream())
                        .anyMatch(s -> CloudMessages.property(s, "3.1").map(v -> v.getIntValue() == 42).orElse(false)), late::describe);
                CloudSubscriber.Received retained = late.received().get(late.received().size() - 1);
                DeviceState s = CloudMessages.state(retained, vacuum).orElseThrow();
                assertThat(retained.payload().length).isLessThan(MAX_PACKET);
                String sent = CloudMessages.property(s, "2.1").orElseThrow().getStringValue();
                assertThat(sent).startsWith("docking after a long run").endsWith("…").hasSizeLessThan(status.length());
                assertThat(s.getTruncatedList()).containsExactly("2.1");
                assertThat(s.getOmittedList()).isEmpty();
                assertThat(CloudMessages.property(s, "2.2")).as("the other telemetry goes whole").isPresent();
            }
            assertThat(home.gateway().metrics().scrape()).contains("hearth_cloud_state_trimmed_total{how=\"truncated\"}");
            assertThat(home.gateway().brokerLink()).isEqualTo("connected");
            assertThat(wire.received().stream().map(CloudMessages::status).flatMap(java.util.Optional::stream)
                    .filter(g -> g.getState() == GatewayStatus.State.ONLINE)).hasSize(1);
        }
    }
}
