package dev.hearth.simulator.nativedev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.driver.api.CommandOutcome;
import dev.hearth.driver.api.DeviceCommand;
import dev.hearth.driver.api.DeviceEvent;
import dev.hearth.driver.api.OfflineReason;
import dev.hearth.driver.api.value.Value;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The real native driver against real simulated devices over TCP on 127.0.0.1. */
class NativeDriverIT {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void twentyDevicesComeOnlineAndReport() {
        try (DriverRig rig = new DriverRig(DriverRig.spec(20, DeviceKind.values()), Map.of())) {
            rig.awaitAllOnline();
            Await.until(WAIT, "a state report from every device",
                    () -> rig.sinks.values().stream().allMatch(s -> s.count(DeviceEvent.StateReported.class) > 0));
            assertThat(rig.fleet.devices()).allMatch(d -> d.connectedGateways() == 1);
        }
    }

    @Test
    void aDeviceThatClosesItsConnectionGoesOfflineAndComesBack() {
        try (DriverRig rig = new DriverRig(DriverRig.spec(3, DeviceKind.LAMP), Map.of())) {
            rig.awaitAllOnline();
            String victim = rig.fleet.ids().get(0);
            rig.fleet.device(victim).setFault(new Fault.Close());

            Await.until(WAIT, "WentOffline", () -> rig.sink(victim).count(DeviceEvent.WentOffline.class) == 1);
            assertThat(rig.sink(victim).all(DeviceEvent.WentOffline.class).get(0).reason()).isEqualTo(OfflineReason.CONNECTION_CLOSED);
            Await.until(WAIT, "back online", () -> rig.sink(victim).all(DeviceEvent.CameOnline.class).size() == 2);
            assertThat(rig.sink(victim).all(DeviceEvent.CameOnline.class).get(1).link()).isEqualTo(2);
            for (String other : rig.fleet.ids().subList(1, 3)) {
                assertThat(rig.sink(other).count(DeviceEvent.WentOffline.class)).isZero();
            }
        }
    }

    @Test
    void aSilentDeviceTimesOutAfterThreeMissedHeartbeats() {
        try (DriverRig rig = new DriverRig(DriverRig.spec(2, DeviceKind.SENSOR), Map.of())) {
            rig.awaitAllOnline();
            String quiet = rig.fleet.ids().get(0);
            long silencedAt = System.nanoTime();
            rig.fleet.device(quiet).setFault(new Fault.Silent());

            Await.until(WAIT, "heartbeat timeout", () -> rig.sink(quiet).count(DeviceEvent.WentOffline.class) == 1);
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - silencedAt);
            DeviceEvent.WentOffline off = rig.sink(quiet).all(DeviceEvent.WentOffline.class).get(0);
            assertThat(off.reason()).isEqualTo(OfflineReason.HEARTBEAT_TIMEOUT);
            // 3 x 200 ms after the last heartbeat, which came at most 200 ms before the silence
            assertThat(tookMs).isGreaterThanOrEqualTo(400);
            assertThat(rig.sink(rig.fleet.ids().get(1)).count(DeviceEvent.WentOffline.class)).isZero();
        }
    }

    @Test
    void aRestartedDeviceComesBackWithAHigherLink() {
        try (DriverRig rig = new DriverRig(DriverRig.spec(1, DeviceKind.PLUG), Map.of())) {
            rig.awaitAllOnline();
            String id = rig.fleet.ids().get(0);
            SimulatedDevice plug = rig.fleet.device(id);
            plug.stop();
            Await.until(WAIT, "offline", () -> rig.sink(id).count(DeviceEvent.WentOffline.class) == 1);
            assertThat(rig.sink(id).all(DeviceEvent.WentOffline.class).get(0).detail()).startsWith("device said goodbye: SHUTDOWN");

            plug.start();
            Await.until(WAIT, "online again", () -> rig.sink(id).count(DeviceEvent.CameOnline.class) == 2);
            assertThat(rig.sink(id).all(DeviceEvent.CameOnline.class).get(1).link()).isEqualTo(2);
            Await.until(WAIT, "the plug welcomed to session 2", () -> plug.lastSession() == 2);
        }
    }

    @Test
    void aDeviceProvingAWrongKeyIsRefusedOnceAndNotRetried() {
        NativeFleet.Spec spec = DriverRig.spec(2, DeviceKind.LOCK).withFaults(Map.of("native-lock-001", new Fault.WrongKey()), Map.of());
        try (DriverRig rig = new DriverRig(spec, Map.of())) {
            RecordingSink bad = rig.sink("native-lock-001");
            RecordingSink good = rig.sink("native-lock-002");
            Await.until(WAIT, "refused", () -> bad.count(DeviceEvent.Refused.class) == 1);
            assertThat(bad.all(DeviceEvent.Refused.class).get(0).reason()).contains("bad proof");
            assertThat(rig.counter("refused_devices", "bad_proof")).isEqualTo(1);
            // proving a retry does NOT happen needs time to pass: five times the longest reconnect delay (400 ms)
            Await.until(WAIT, "five reconnect periods", new ElapsedAtLeast(Duration.ofSeconds(2)));
            assertThat(rig.fleet.device("native-lock-001").connectionsAccepted()).isEqualTo(1);
            assertThat(rig.fleet.device("native-lock-001").rejections()).isEqualTo(1);
            assertThat(bad.count(DeviceEvent.CameOnline.class)).isZero();
        }
    }

    @Test
    void garbageAndOversizedFramesCloseOnlyThoseConnections() {
        try (DriverRig rig = new DriverRig(DriverRig.spec(4, DeviceKind.SENSOR), Map.of())) {
            rig.awaitAllOnline();
            List<String> ids = rig.fleet.ids();
            rig.fleet.device(ids.get(0)).setFault(new Fault.Garbage());
            rig.fleet.device(ids.get(1)).setFault(new Fault.Oversized(Fault.Oversized.DEFAULT_BYTES));

            Await.until(WAIT, "both dropped", () -> rig.sink(ids.get(0)).count(DeviceEvent.WentOffline.class) >= 1
                    && rig.sink(ids.get(1)).count(DeviceEvent.WentOffline.class) >= 1);
            assertThat(rig.sink(ids.get(0)).all(DeviceEvent.WentOffline.class).get(0).detail()).startsWith("malformed frame: ");
            assertThat(rig.sink(ids.get(1)).all(DeviceEvent.WentOffline.class).get(0).detail()).contains("exceeds the limit");
            assertThat(rig.counter("malformed_frames", "bad_message")).isPositive();
            assertThat(rig.counter("malformed_frames", "oversized")).isPositive();

            for (String healthy : ids.subList(2, 4)) {
                int before = rig.sink(healthy).count(DeviceEvent.StateReported.class);
                Await.until(WAIT, healthy + " still reporting", () -> rig.sink(healthy).count(DeviceEvent.StateReported.class) > before + 2);
                assertThat(rig.sink(healthy).count(DeviceEvent.WentOffline.class)).isZero();
            }
        }
    }

    @Test
    void settingBrightnessReachesTheLamp() throws Exception {
        try (DriverRig rig = new DriverRig(DriverRig.spec(1, DeviceKind.LAMP), Map.of())) {
            rig.awaitAllOnline();
            String id = rig.fleet.ids().get(0);
            CommandOutcome outcome = rig.sessions.get(id)
                    .execute(new DeviceCommand.SetProperties(Map.of("2.2", Value.of(77L), "2.1", Value.of(true))), Duration.ofSeconds(5))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);

            assertThat(outcome.succeeded()).isTrue();
            assertThat(rig.fleet.device(id).property("2.2")).contains(Value.of(77L));
            assertThat(rig.fleet.device(id).property("2.1")).contains(Value.of(true));
            Await.until(WAIT, "the change reported back", () -> rig.sink(id).all(DeviceEvent.StateReported.class).stream()
                    .anyMatch(s -> Value.of(77L).equals(s.values().get("2.2"))));
        }
    }

    @Test
    void aLockUnlockCarriesTheUser() throws Exception {
        try (DriverRig rig = new DriverRig(DriverRig.spec(1, DeviceKind.LOCK), Map.of())) {
            rig.awaitAllOnline();
            String id = rig.fleet.ids().get(0);
            rig.fleet.device(id).unlockBy("alice", "fingerprint");
            Await.until(WAIT, "unlocked event", () -> rig.sink(id).count(DeviceEvent.EventTriggered.class) == 1);
            DeviceEvent.EventTriggered e = rig.sink(id).all(DeviceEvent.EventTriggered.class).get(0);
            assertThat(e.event()).isEqualTo("2.1");
            assertThat(e.args()).containsEntry("user", Value.of("alice")).containsEntry("method", Value.of("fingerprint"));

            CommandOutcome lock = rig.sessions.get(id).execute(new DeviceCommand.InvokeAction("2.1", List.of()), Duration.ofSeconds(5))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(lock.succeeded()).isTrue();
            assertThat(rig.fleet.device(id).property("2.1")).contains(Value.of(true));
        }
    }

    @Test
    void aFloodingDeviceIsSlowedThenDroppedWithoutHurtingOthers() {
        NativeFleet.Spec spec = DriverRig.spec(2, DeviceKind.PLUG).withFaults(Map.of("native-plug-001", new Fault.Flood(3000)), Map.of());
        try (DriverRig rig = new DriverRig(spec, Map.of("native.floodMessagesPerSecond", "200", "native.floodStrikes", "2"))) {
            RecordingSink flooder = rig.sink("native-plug-001");
            RecordingSink calm = rig.sink("native-plug-002");
            Await.until(WAIT, "flooder dropped", () -> flooder.all(DeviceEvent.WentOffline.class).stream()
                    .anyMatch(e -> e.detail().startsWith("flooding")));
            assertThat(rig.counter("flood_control", "paused")).isPositive();
            assertThat(rig.counter("flood_control", "disconnected")).isPositive();
            Await.until(WAIT, "calm plug online", calm::online);
            int before = calm.count(DeviceEvent.StateReported.class);
            Await.until(WAIT, "calm plug still reporting", () -> calm.count(DeviceEvent.StateReported.class) > before + 2);
            assertThat(calm.count(DeviceEvent.WentOffline.class)).isZero();
        }
    }

    /** True once {@code span} has passed since construction (a deadline-bounded wait, not a sleep). */
    private static final class ElapsedAtLeast implements java.util.function.BooleanSupplier {
        private final long end;

        ElapsedAtLeast(Duration span) {
            end = System.nanoTime() + span.toNanos();
        }

        @Override
        public boolean getAsBoolean() {
            return System.nanoTime() >= end;
        }
    }
}
