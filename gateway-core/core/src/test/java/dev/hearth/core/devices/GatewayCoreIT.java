package dev.hearth.core.devices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.config.SecretsFile;
import dev.hearth.config.SecretsResult;
import dev.hearth.core.discovery.AdoptResult;
import dev.hearth.core.discovery.InboxEntry;
import dev.hearth.core.discovery.PendingReason;
import dev.hearth.core.online.Availability;
import dev.hearth.core.online.OnlineStatus;
import dev.hearth.core.registry.DeviceRecord;
import dev.hearth.core.registry.Registry;
import dev.hearth.core.storage.Database;
import dev.hearth.testkit.Conditions;
import dev.hearth.testkit.PrivateNetwork;
import dev.hearth.driver.api.SystemScheduler;
import dev.hearth.driver.api.DeviceCommand;
import dev.hearth.driver.api.DeviceSecret;
import dev.hearth.driver.api.OfflineReason;
import dev.hearth.driver.api.value.Value;
import dev.hearth.simulator.mdns.MdnsAdvertiser;
import dev.hearth.simulator.nativedev.Fault;
import dev.hearth.simulator.nativedev.NativeFleet;
import dev.hearth.simulator.nativedev.SimulatedDevice;
import dev.hearth.simulator.nativedev.SimulatorRuntime;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway core and 20 simulated native devices announced by mDNS on 127.0.0.1, in the test's
 * own network namespace, on real time: discovery, adoption, every way of going offline, flap
 * damping, refusal, a goodbye that the device's own liveness disproves, malformed frames, and a restart of the core on the same SQLite file.
 */
class GatewayCoreIT {
    private static final int FLEET = 20;
    @TempDir Path dir;

    private CoreUnderTest core;
    private NativeFleet fleet;

    private Optional<Availability> published(String id) {
        return core.tracker.availability(id);
    }

    private boolean online(String id) {
        return published(id).map(a -> a.online() && !a.damped()).orElse(false);
    }

    private boolean offlineWith(String id, OfflineReason reason) {
        return published(id).map(a -> a.reason().equals(Optional.of(reason))).orElse(false);
    }

    private long session(String id) {
        return published(id).orElseThrow().session();
    }

    private Duration awaitDevice(String what, String id, Duration within, java.util.function.BooleanSupplier c) {
        return Conditions.await(id + " " + what, within, c, () -> published(id) + " history " + core.history(id));
    }

    @Test
    void discoversAdoptsTracksAndSurvivesARestart() throws Exception {
        PrivateNetwork.require();
        InetAddress lo = PrivateNetwork.loopback("hearth-it");
        NativeFleet.Spec spec = NativeFleet.Spec.of(FLEET, lo)
                .withTimings(CoreUnderTest.HEARTBEAT, Duration.ofSeconds(1));
        String wrongKey = NativeFleet.deviceId(spec, FLEET - 1);
        spec = spec.withFaults(Map.of(wrongKey, new Fault.WrongKey()), Map.of());
        Path secretsFile = dir.resolve("secrets.yaml");
        Path dbFile = dir.resolve("hearth.db");

        try (MdnsAdvertiser advertiser = MdnsAdvertiser.on(lo, "simulated-devices");
             SimulatorRuntime runtime = SimulatorRuntime.system(Optional.of(advertiser))) {
            fleet = NativeFleet.start(spec, runtime);
            fleet.writeKeysFile(secretsFile);
            DeviceSecrets secrets = new DeviceSecrets();
            ((SecretsResult.Loaded) SecretsFile.load(secretsFile)).secrets().devices()
                    .forEach((id, secret) -> secrets.put(id, DeviceSecret.fromHex(secret.reveal())));
            List<String> ids = fleet.ids();
            String closer = ids.get(0), silent = ids.get(1), leaver = ids.get(2), restarted = ids.get(3),
                    flapper = ids.get(4), garbage = ids.get(5), oversized = ids.get(6), lamp = ids.get(10);
            List<String> quiet = ids.subList(7, FLEET - 1);
            List<String> good = ids.subList(0, FLEET - 1);
            Map<String, Long> sessionsBefore = new HashMap<>();

            core = new CoreUnderTest(dbFile, secrets, lo);
            try {
                // Discovery: every device lands in the inbox, waiting for explicit adoption.
                Conditions.await("all devices in the inbox", Duration.ofSeconds(30),
                        () -> core.inbox.entries().size() == FLEET, () -> core.inbox.entries().size());
                assertThat(core.inbox.entries()).extracting(InboxEntry::reason).containsOnly(PendingReason.NOT_ADOPTED);
                for (String id : ids) {
                    assertThat(core.adoption.adopt(id)).isEqualTo(AdoptResult.ADOPTED);
                }
                Conditions.await("19 devices online", Duration.ofSeconds(15), () -> good.stream().allMatch(this::online),
                        () -> good.stream().filter(id -> !online(id)).toList());

                // Wrong key: refused, un-adopted, back in the inbox, counted; never online.
                Conditions.await("the wrong-key device refused", Duration.ofSeconds(10),
                        () -> core.inbox.find(wrongKey).map(e -> e.reason() == PendingReason.REFUSED).orElse(false));
                assertThat(core.registry.exists(wrongKey)).isFalse();
                assertThat(core.sessions.isOpen(wrongKey)).isFalse();
                assertThat(core.history(wrongKey)).noneMatch(Availability::online);
                assertThat(core.counters.count("unadopted_devices", "refused")).isEqualTo(1);
                assertThat(core.counters.total("refused_devices")).isGreaterThanOrEqualTo(1);

                for (String id : good) sessionsBefore.put(id, session(id));

                // A command goes down through the session table to a real device.
                CommandResult set = core.sessions.execute(lamp, new DeviceCommand.SetProperties(Map.of("2.1", Value.of(false))),
                        Duration.ofSeconds(2)).toCompletableFuture().get(5, TimeUnit.SECONDS);
                assertThat(set).isInstanceOf(CommandResult.Completed.class);
                assertThat(((CommandResult.Completed) set).outcome().succeeded()).isTrue();
                assertThat(fleet.device(lamp).property("2.1")).contains(Value.of(false));
                assertThat(((CommandResult.Rejected) core.sessions.execute("nobody", new DeviceCommand.SetProperties(
                        Map.of("2.1", Value.of(true))), Duration.ofSeconds(1)).toCompletableFuture().get(1, TimeUnit.SECONDS))
                        .rejection()).isEqualTo(CommandResult.Rejection.UNKNOWN_DEVICE);

                // Goodbye on mDNS (the device stays up): seen 5-10 s later, so start it first.
                SimulatedDevice leaving = fleet.device(leaver);
                CompletableFuture<Void> withdrawn = CompletableFuture.runAsync(
                        () -> advertiser.withdraw(SimulatedDevice.SERVICE_TYPE, leaver, leaving.port()));

                // Connection killed: OFFLINE CONNECTION_CLOSED, then back with the next session.
                fleet.device(closer).setFault(new Fault.Close());
                awaitDevice("offline, connection closed", closer, Duration.ofSeconds(5),
                        () -> core.history(closer).stream().anyMatch(a -> a.reason().equals(Optional.of(OfflineReason.CONNECTION_CLOSED))));
                awaitDevice("back online", closer, Duration.ofSeconds(10),
                        () -> online(closer) && session(closer) == sessionsBefore.get(closer) + 1);

                // Silence: HEARTBEAT_TIMEOUT after heartbeat x misses.
                long silencedAt = System.nanoTime();
                fleet.device(silent).setFault(new Fault.Silent());
                awaitDevice("offline, heartbeat timeout", silent, Duration.ofSeconds(5),
                        () -> offlineWith(silent, OfflineReason.HEARTBEAT_TIMEOUT));
                Duration silentFor = Duration.ofNanos(System.nanoTime() - silencedAt);
                Duration expected = CoreUnderTest.HEARTBEAT.multipliedBy(CoreUnderTest.HEARTBEAT_MISSES);
                assertThat(silentFor).isBetween(expected.minus(CoreUnderTest.HEARTBEAT), expected.plusMillis(1500));
                fleet.device(silent).setFault(Fault.NONE);
                awaitDevice("back online", silent, Duration.ofSeconds(10), () -> online(silent));

                // Restart: back ONLINE with a later session.
                fleet.device(restarted).stop();
                fleet.device(restarted).start();
                awaitDevice("back online after restart", restarted, Duration.ofSeconds(20),
                        () -> online(restarted) && session(restarted) > sessionsBefore.get(restarted));

                // Flapping: damped (held, marked), then released to the live status.
                fleet.device(flapper).setFault(new Fault.Flap(Duration.ofMillis(600)));
                awaitDevice("damped", flapper, Duration.ofSeconds(20),
                        () -> core.history(flapper).stream().anyMatch(Availability::damped));
                fleet.device(flapper).setFault(Fault.NONE);
                awaitDevice("released and online", flapper, Duration.ofSeconds(15), () -> online(flapper));

                // Garbage and oversized frames: those connections closed and counted; they come back.
                long malformedBefore = core.counters.total("malformed_frames");
                fleet.device(garbage).setFault(new Fault.Garbage());
                fleet.device(oversized).setFault(new Fault.Oversized(Fault.Oversized.DEFAULT_BYTES));
                for (String id : List.of(garbage, oversized)) {
                    awaitDevice("disconnected for a malformed frame", id, Duration.ofSeconds(5), () -> core.history(id).stream()
                            .anyMatch(a -> a.reason().equals(Optional.of(OfflineReason.CONNECTION_CLOSED)) && a.detail().contains("malformed")));
                    fleet.device(id).setFault(Fault.NONE);
                }
                assertThat(core.counters.count("malformed_frames", "oversized")).isGreaterThanOrEqualTo(1);
                assertThat(core.counters.total("malformed_frames")).isGreaterThanOrEqualTo(malformedBefore + 2);
                for (String id : List.of(garbage, oversized)) {
                    awaitDevice("back online", id, Duration.ofSeconds(15), () -> online(id));
                }

                // The goodbye arrived meanwhile; the device is still up and heartbeating, so it stays ONLINE.
                withdrawn.get(10, TimeUnit.SECONDS);
                Conditions.await("the goodbye seen and probed", Duration.ofSeconds(20),
                        () -> core.counters.count("mdns_goodbyes", "probed") >= 1, () -> core.counters.snapshot());
                long probedAt = System.nanoTime();
                Conditions.await("the goodbye window over", CoreUnderTest.SESSIONS.goodbyeWindow().plusSeconds(5),
                        () -> System.nanoTime() - probedAt > CoreUnderTest.SESSIONS.goodbyeWindow().plusSeconds(1).toNanos());
                assertThat(online(leaver)).as("a goodbye from a device that still answers changes nothing").isTrue();
                assertThat(session(leaver)).isEqualTo(sessionsBefore.get(leaver));
                assertThat(core.sessions.isOpen(leaver)).isTrue();

                // Nobody else was disturbed.
                for (String id : quiet) {
                    assertThat(core.history(id)).as(id).noneMatch(a -> a.status() == OnlineStatus.OFFLINE);
                    assertThat(session(id)).as(id).isEqualTo(sessionsBefore.get(id));
                }
                Conditions.await("quiet devices reported state", Duration.ofSeconds(5),
                        () -> quiet.stream().allMatch(id -> !core.registry.find(id).orElseThrow().state().isEmpty()));

                core.registry.rename(lamp, "Desk lamp");
                core.registry.assign(lamp, Optional.of("study"));
            } finally {
                core.close();
            }
            assertThat(core.tracker.availability(lamp).orElseThrow().reason()).contains(OfflineReason.GATEWAY_STOPPING);

            // What the first core left in the SQLite file: records, names, rooms, last state, availability.
            try (Database db = Database.open(dbFile); SystemScheduler timers = new SystemScheduler("stored-registry")) {
                Registry stored = new Registry(db, Clock.systemUTC(), timers, Duration.ofSeconds(1));
                assertThat(stored.all()).extracting(DeviceRecord::id).containsExactlyInAnyOrderElementsOf(good);
                DeviceRecord desk = stored.find(lamp).orElseThrow();
                assertThat(desk.name()).isEqualTo("Desk lamp");
                assertThat(desk.roomId()).contains("study");
                assertThat(desk.model()).isEqualTo("hearth.light.lamp1");
                assertThat(desk.state()).containsEntry("2.1", Value.of(false));
                for (String id : quiet) {
                    DeviceRecord d = stored.find(id).orElseThrow();
                    assertThat(d.state()).as(id).isNotEmpty();
                    assertThat(d.availability().reason()).as(id).contains(OfflineReason.GATEWAY_STOPPING);
                    assertThat(d.availability().session()).as(id).isEqualTo(sessionsBefore.get(id));
                }
                assertThat(stored.find(leaver).orElseThrow().availability().reason()).contains(OfflineReason.GATEWAY_STOPPING);
                stored.close();
            }

            // Restart the core on the same file: known devices with their keys are resumed without waiting for mDNS.
            core = new CoreUnderTest(dbFile, secrets, lo);
            try {
                assertThat(core.registry.find(lamp).orElseThrow().name()).isEqualTo("Desk lamp");
                assertThat(core.registry.exists(wrongKey)).isFalse();

                Conditions.await("known devices online again", Duration.ofSeconds(15),
                        () -> quiet.stream().allMatch(this::online), () -> quiet.stream().filter(id -> !online(id)).toList());
                for (String id : quiet) {
                    assertThat(session(id)).as(id).isEqualTo(sessionsBefore.get(id) + 1);
                }
            } finally {
                core.close();
                fleet.close();
            }
        }
    }
}
