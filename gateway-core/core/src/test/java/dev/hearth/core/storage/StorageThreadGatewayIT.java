package dev.hearth.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.api.GatewayUnderTest;
import dev.hearth.core.api.GatewayUnderTest.Entry;
import dev.hearth.core.api.GatewayUnderTest.Reply;
import dev.hearth.testkit.MosquittoBroker;
import dev.hearth.testkit.Conditions;
import dev.hearth.simulator.nativedev.DeviceKind;
import dev.hearth.simulator.nativedev.NativeFleet;
import dev.hearth.simulator.nativedev.SimulatedDevice;
import dev.hearth.simulator.nativedev.SimulatorRuntime;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, "one owner for SQLite": a whole gateway (devices reporting, the cloud bridge's outbox
 * on a real Mosquitto, the local API, a restart) with every JDBC call of its database recorded,
 * thread and statement. Every one ran on the storage thread, whoever asked: HTTP handlers, the
 * device I/O threads, the timers, the MQTT client, this test's own thread.
 */
class StorageThreadGatewayIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir Path dir;

    private final Map<String, LongAdder> threads = new ConcurrentHashMap<>();
    private final Set<String> statements = ConcurrentHashMap.newKeySet();

    private void record(Thread t, String call) {
        threads.computeIfAbsent(t.getName(), n -> new LongAdder()).increment();
        if (call.startsWith("Connection.prepareStatement ") || call.startsWith("Statement.execute")) {
            statements.add(call.substring(call.indexOf(' ') + 1));
        }
    }

    private boolean ran(String sqlStart) {
        return statements.stream().anyMatch(s -> s.startsWith(sqlStart));
    }

    @Test
    void everyStoreCallOfARunningGatewayRunsOnTheStorageThread() throws Exception {
        InetAddress lo = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        try (var runtime = SimulatorRuntime.system(Optional.empty());
             var fleet = NativeFleet.start(NativeFleet.Spec.of(2, lo).withKinds(List.of(DeviceKind.LAMP, DeviceKind.SENSOR))
                     .withTimings(Duration.ofSeconds(1), Duration.ofMillis(100)), runtime);
             var broker = MosquittoBroker.start()) {
            List<Entry> entries = new ArrayList<>();
            for (SimulatedDevice d : fleet.devices()) {
                entries.add(new Entry(d.deviceId(), "native", d.model().model(), "127.0.0.1", d.port(), Optional.of(d.key().bytes())));
            }
            String cloud = "cloud:\n  broker: \"" + broker.uri() + "\"\n  keepAlive: 5s\n  reconnect: { min: 200ms, max: 1s }\n";
            String lamp = fleet.devices().get(0).deviceId();
            try (GatewayUnderTest gw = GatewayUnderTest.start(dir, entries, cloud, this::record)) {
                gw.awaitOnline(lamp, fleet.devices().get(1).deviceId());
                Conditions.await("the cloud link up", WAIT, () -> gw.gateway().cloud().orElseThrow().linkStatus().connected(),
                        () -> gw.gateway().cloud().orElseThrow().linkStatus().toString());

                Reply room = gw.post("/api/v1/rooms", Map.of("name", "Study"));
                assertThat(room.status()).as(room.text()).isEqualTo(201);
                assertThat(gw.post("/api/v1/devices/" + lamp, Map.of("roomId", room.json().path("id").asText())).status()).isEqualTo(200);
                Reply share = gw.post("/api/v1/shares", Map.of("grantee", "u2", "privilege", "view", "scope", Map.of("device", lamp)));
                assertThat(share.status()).as(share.text()).isEqualTo(201);
                assertThat(gw.delete("/api/v1/shares/" + share.json().path("id").asText()).status()).isEqualTo(200);
                gw.gateway().consent().withdraw("u3", gw.gateway().clock().instant()); // from this test's thread
                Conditions.await("telemetry through the outbox, committed and acknowledged", WAIT,
                        () -> ran("INSERT INTO outbox") && ran("DELETE FROM outbox"), statements::toString);
                gw.restart(); // loads and migrations at open, then a second run
                gw.awaitOnline(lamp);
                Conditions.await("the registry flushed", WAIT, () -> ran("INSERT INTO registry_device"), statements::toString);
            }
        }
        assertThat(ran("INSERT INTO rooms")).as("rooms: " + statements).isTrue();
        assertThat(ran("INSERT INTO shares")).as("shares").isTrue();
        assertThat(ran("UPDATE shares")).as("shares").isTrue();
        assertThat(ran("INSERT INTO consent_withdrawal")).as("consent").isTrue();
        assertThat(ran("INSERT INTO home") || ran("SELECT id, owner FROM home")).as("home").isTrue();
        assertThat(ran("INSERT INTO telemetry_boot")).as("telemetry ids").isTrue();
        assertThat(ran("SELECT nonce")).as("replay nonces").isTrue();
        assertThat(ran("SELECT model, field")).as("unknown-field decisions").isTrue();
        assertThat(threads).as("threads that made JDBC calls, with their counts").containsOnlyKeys("hearth-storage");
        assertThat(threads.get("hearth-storage").sum()).isGreaterThan(100);
    }
}
