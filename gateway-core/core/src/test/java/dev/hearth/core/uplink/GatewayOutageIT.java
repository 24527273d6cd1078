package dev.hearth.core.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.cloud.CloudBridge;
import dev.hearth.core.cloud.CloudSubscriber;
import dev.hearth.testkit.MosquittoBroker;
import dev.hearth.core.cloud.TcpProxy;
import dev.hearth.core.cloud.TelemetryLedger;
import dev.hearth.testkit.Conditions;
import dev.hearth.testkit.ThreadDump;
import dev.hearth.simulator.nativedev.DeviceKind;
import dev.hearth.simulator.nativedev.Fault;
import dev.hearth.simulator.nativedev.NativeFleet;
import io.micrometer.core.instrument.Counter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Five simulated sensors report through the whole gateway at a steady ~100 telemetry messages/s
 * while Mosquitto is stopped for about 20 s (2,000 messages) and started again: every message the
 * gateway produced arrives, once de-duplicated by Telemetry.id, in per-device order, and the
 * durable outbox stays within its configured bound.
 */
class GatewayOutageIT {
    private static final int BOUND = 5_000;
    private static final int DURING_OUTAGE = 2_000;
    private static final Duration WAIT = Duration.ofSeconds(40);

    @TempDir Path dir;

    @Test
    void everyTelemetryMessageProducedWhileTheBrokerIsDownArrivesInPerDeviceOrder() throws Exception {
        InetAddress lo = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        NativeFleet.Spec spec = NativeFleet.Spec.of(5, lo).withKinds(List.of(DeviceKind.SENSOR))
                .withTimings(Duration.ofSeconds(5), Duration.ofMillis(50));
        List<CloudSubscriber.Received> received = new ArrayList<>();
        try (var broker = MosquittoBroker.start(); var proxy = new TcpProxy(broker.port())) {
            var before = new CloudSubscriber(broker.uri(), CloudGateway.TOPICS.all());
            try (var gw = CloudGateway.start(dir, spec, proxy.uri(), "  outbox: { maxMessages: " + BOUND + " }\n")) {
                CloudBridge bridge = gw.assembly.cloud().orElseThrow();
                Counter produced = gw.assembly.metrics().registry().counter("hearth.telemetry.messages", "direction", "out");
                awaitProduced(produced, 200, () -> { });

                // Hold the gateway off first, then wait until the subscriber has everything the broker
                // accepted (a marker published after the cut arrives behind it), so that stopping the
                // broker loses nothing that the gateway was told was delivered.
                proxy.refuse();
                // the link once spun in drain() on a connection Paho had already closed, so lost() never ran
                // (fixed in MqttLink.drain); the stacks of the link's and Paho's threads go into the message
                Conditions.await("the gateway notices the cut", WAIT, () -> !bridge.linkStatus().connected(),
                        () -> ThreadDump.of("hearth-cloud", "MQTT"));
                String marker = CloudGateway.TOPICS.root() + "/it-marker";
                publish(broker, marker);
                Conditions.await("the marker behind the gateway's last messages", WAIT,
                        () -> !before.matching(r -> r.topic().equals(marker)).isEmpty(), before::describe);
                broker.stop();
                received.addAll(before.received());
                before.close();

                // About 20 s of telemetry at ~100/s with no broker; the outbox holds it, within its bound.
                var maxHeld = new AtomicLong();
                double atStop = produced.count();
                awaitProduced(produced, atStop + DURING_OUTAGE, () -> maxHeld.accumulateAndGet(bridge.outboxStats().held(), Math::max));
                double producedDuringOutage = produced.count() - atStop;

                broker.restart();
                try (var after = new CloudSubscriber(broker.uri(), CloudGateway.TOPICS.all())) {
                    proxy.heal();
                    awaitProduced(produced, produced.count() + 200, () -> maxHeld.accumulateAndGet(bridge.outboxStats().held(), Math::max));
                    gw.fleet.devices().forEach(d -> d.setFault(new Fault.Silent())); // stop producing
                    Conditions.await("every produced telemetry message at the cloud", WAIT,
                            () -> ledger(received, after).distinct() == (long) produced.count(),
                            () -> "received " + ledger(received, after).distinct() + " of " + produced.count());
                    TelemetryLedger ledger = ledger(received, after);
                    assertThat(ledger.perDevice()).hasSize(5);
                    ledger.perDevice().forEach((device, ids) -> assertThat(ids).as(device).isSorted().doesNotHaveDuplicates());
                    assertThat(producedDuringOutage).isGreaterThanOrEqualTo(DURING_OUTAGE);
                    assertThat(maxHeld.get()).isGreaterThanOrEqualTo(DURING_OUTAGE).isLessThanOrEqualTo(BOUND);
                    assertThat(gw.assembly.metrics().scrape()).doesNotContain("hearth_outbox_dropped_total{");
                    Conditions.await("the outbox empties", WAIT, () -> bridge.outboxStats().held() == 0, bridge::outboxStats);
                }
            }
        }
    }

    private static void awaitProduced(Counter produced, double count, Runnable whileWaiting) {
        Conditions.await("the devices produce " + count + " telemetry messages", WAIT, () -> {
            whileWaiting.run();
            return produced.count() >= count;
        }, produced::count);
    }

    private static TelemetryLedger ledger(List<CloudSubscriber.Received> before, CloudSubscriber after) {
        List<CloudSubscriber.Received> all = new ArrayList<>(before);
        all.addAll(after.received());
        return TelemetryLedger.of(all);
    }

    private static void publish(MosquittoBroker broker, String topic) throws Exception {
        var client = new MqttAsyncClient(broker.uri().toString(), "it-marker-" + System.nanoTime(), new MemoryPersistence());
        var o = new MqttConnectionOptions();
        o.setCleanStart(true);
        client.connect(o).waitForCompletion(10_000);
        client.publish(topic, "marker".getBytes(StandardCharsets.US_ASCII), 1, false).waitForCompletion(10_000);
        client.disconnect().waitForCompletion(2_000);
        client.close(true);
    }
}
