package dev.hearth.core.uplink;

import dev.hearth.core.GatewaySchemas;
import dev.hearth.config.OwnerOnly;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.config.ConfigLoader;
import dev.hearth.config.ConfigResult;
import dev.hearth.config.SecretsFile;
import dev.hearth.config.SecretsResult;
import dev.hearth.core.GatewayAssembly;
import dev.hearth.core.cloud.CloudSubscriber;
import dev.hearth.testkit.MosquittoBroker;
import dev.hearth.core.discovery.PendingReason;
import dev.hearth.core.registry.Registry;
import dev.hearth.core.storage.Database;
import dev.hearth.testkit.Conditions;
import dev.hearth.testkit.PrivateNetwork;
import dev.hearth.testkit.RogueAnnouncer;
import dev.hearth.driver.api.SystemScheduler;
import dev.hearth.driver.api.value.Value;
import dev.hearth.protocols.cloud.v1.DeviceState;
import dev.hearth.simulator.nativedev.DeviceKind;
import dev.hearth.simulator.nativedev.NativeFleet;
import dev.hearth.simulator.nativedev.SimulatedDevice;
import dev.hearth.simulator.nativedev.SimulatorRuntime;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21, defect 2, on the wire: the whole gateway (mDNS on 127.0.0.1 in the test's namespace,
 * Mosquitto, SQLite) with an adopted vacuum; a rogue announces the vacuum's id with TXT
 * {@code model=unknown.model} at the vacuum's own address. The registry keeps the pinned model
 * (in memory and in SQLite), the inbox shows MODEL_CHANGED, and nothing personal (SSID, IP,
 * position, room) reaches the broker in the retained state or in telemetry.
 */
class ModelSwapIT {
    private static final String HOME = "swap-home";
    private static final String GATEWAY = "gw-swap";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Set<String> PERSONAL = Set.of("1.1", "1.2", "2.3", "2.4");

    @TempDir Path dir;

    @Test
    void anAnnouncementWithAnotherModelForTheAdoptedVacuumChangesNothingAndLeaksNothing() throws Exception {
        PrivateNetwork.require();
        InetAddress lo = PrivateNetwork.loopback("hearth-it");
        var t = new dev.hearth.core.cloud.CloudTopics(dev.hearth.core.cloud.CloudTopics.DEFAULT_PREFIX, HOME, GATEWAY);
        NativeFleet.Spec spec = NativeFleet.Spec.of(1, lo).withKinds(List.of(DeviceKind.VACUUM))
                .withTimings(Duration.ofSeconds(1), Duration.ofMillis(300));
        Path data = dir.resolve("data");
        OwnerOnly.createDirectories(data);
        try (MosquittoBroker broker = MosquittoBroker.start();
             SimulatorRuntime runtime = SimulatorRuntime.system(Optional.empty());
             NativeFleet fleet = NativeFleet.start(spec, runtime);
             RogueAnnouncer rogue = new RogueAnnouncer(lo, "rogue");
             CloudSubscriber wire = new CloudSubscriber(broker.uri(), t.all())) {
            SimulatedDevice vacuum = fleet.devices().get(0);
            String id = vacuum.deviceId();
            GatewayAssembly gw = start(data, fleet, broker.uri().toString());
            try {
                Conditions.await("the vacuum's state in the cloud", WAIT, () -> wire.matching(r -> r.topic().equals(t.state(id))).size() > 0,
                        wire::describe);
                String pinned = gw.registry().find(id).orElseThrow().model();
                assertThat(pinned).isEqualTo("hearth.vacuum.v1");
                List<String> planted = List.of(text(vacuum, "1.1"), "Living room");

                RogueAnnouncer.Service forged = new RogueAnnouncer.Service(SimulatedDevice.SERVICE_TYPE, id,
                        vacuum.address().getAddress(), vacuum.port(), Map.of("id", id, "model", "unknown.model", "pv", "1"));
                int mark = wire.received().size();
                rogue.announce(forged);
                Conditions.await("the forged announcement seen", WAIT, () -> !gw.registry().find(id).orElseThrow().model().equals(pinned)
                        || gw.inbox().find(id).filter(e -> e.reason() == PendingReason.MODEL_CHANGED).isPresent());
                rogue.announce(forged);
                // the vacuum starts cleaning: its position and room change and are reported after the forgery
                var started = gw.sessions().execute(id, new dev.hearth.driver.api.DeviceCommand.InvokeAction("2.1", List.of()),
                        Duration.ofSeconds(5)).toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(started).isInstanceOf(dev.hearth.core.devices.CommandResult.Completed.class);
                Conditions.await("reports from the cleaning vacuum", WAIT, () -> wire.received().stream().skip(mark)
                        .filter(r -> r.topic().equals(t.state(id)) || r.topic().equals(t.telemetry(id))).count() >= 4, wire::describe);

                List<CloudSubscriber.Received> after = wire.received().subList(mark, wire.received().size());
                for (CloudSubscriber.Received r : after) {
                    String bytes = new String(r.payload(), StandardCharsets.ISO_8859_1);
                    for (String p : planted) assertThat(bytes).as(r.topic() + " carries " + p).doesNotContain(p);
                }
                try (CloudSubscriber late = new CloudSubscriber(broker.uri(), t.state(id))) {
                    Conditions.await("the retained state", WAIT, () -> !late.received().isEmpty());
                    DeviceState retained = DeviceState.parseFrom(late.received().get(0).payload());
                    assertThat(retained.getPropertiesList()).extracting(p -> p.getKey()).doesNotContainAnyElementsOf(PERSONAL)
                            .contains("2.1");
                    assertThat(retained.getModel()).isEqualTo(pinned);
                }
                assertThat(gw.registry().find(id).orElseThrow().model()).as("the registry keeps the pinned model").isEqualTo(pinned);
                assertThat(gw.inbox().find(id).orElseThrow().reason()).isEqualTo(PendingReason.MODEL_CHANGED);
                assertThat(gw.inbox().find(id).orElseThrow().device().model()).isEqualTo("unknown.model");
            } finally {
                gw.close();
            }
            try (Database db = GatewaySchemas.open(data.resolve("hearth.db")); SystemScheduler timers = new SystemScheduler("swap-read")) {
                Registry stored = new Registry(db, Clock.systemUTC(), timers, Duration.ofSeconds(1));
                assertThat(stored.find(id).orElseThrow().model()).as("and so does SQLite").isEqualTo("hearth.vacuum.v1");
                stored.close();
            }
        }
    }

    private static String text(SimulatedDevice d, String key) {
        return ((Value.Text) d.property(key).orElseThrow()).value();
    }

    private static GatewayAssembly start(Path data, NativeFleet fleet, String broker) throws Exception {
        fleet.writeKeysFile(data.resolve("secrets.yaml"));
        StringBuilder y = new StringBuilder()
                .append("home: { id: ").append(HOME).append(", owner: u1, trust: cloud }\n")
                .append("gateway: { id: ").append(GATEWAY).append(", dataDir: \"").append(data).append("\" }\n")
                .append("discovery: { enabled: true, interfaces: [\"127.0.0.1\"] }\n")
                .append("http: { enabled: false }\n")
                .append("devices:\n");
        for (SimulatedDevice d : fleet.devices()) {
            y.append("  - { id: ").append(d.deviceId()).append(", protocol: native, model: ").append(d.model().model())
                    .append(", address: \"127.0.0.1:").append(d.port()).append("\", secret: { ref: ").append(d.deviceId()).append(" } }\n");
        }
        y.append("cloud:\n  broker: \"").append(broker).append("\"\n  keepAlive: 5s\n  reconnect: { min: 200ms, max: 1s }\n");
        Path file = data.resolveSibling("hearth.yaml");
        Files.writeString(file, y);
        ConfigResult config = new ConfigLoader(Map.of()).load(file);
        if (!(config instanceof ConfigResult.Valid valid)) throw new IllegalStateException("test config refused: " + config);
        SecretsResult secrets = SecretsFile.load(data.resolve("secrets.yaml"));
        if (!(secrets instanceof SecretsResult.Loaded loaded)) throw new IllegalStateException("secrets refused: " + secrets);
        GatewayAssembly assembly = new GatewayAssembly(valid.config(), loaded.secrets(), Clock.systemUTC());
        assembly.start();
        return assembly;
    }
}
