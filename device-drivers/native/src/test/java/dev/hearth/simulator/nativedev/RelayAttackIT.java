package dev.hearth.simulator.nativedev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.driver.api.CommandFailure;
import dev.hearth.driver.api.CommandOutcome;
import dev.hearth.driver.api.DeviceCommand;
import dev.hearth.driver.api.DeviceEvent;
import dev.hearth.driver.api.value.Value;
import dev.hearth.protocols.lan.LanFrames;
import dev.hearth.protocols.lan.LanValues;
import dev.hearth.protocols.lan.v1.LanMessage;
import dev.hearth.protocols.lan.v1.PropertyReport;
import dev.hearth.protocols.lan.v1.PropertyValue;
import dev.hearth.protocols.lan.v1.Reject;
import dev.hearth.simulator.rogue.RogueRelay.Direction;
import dev.hearth.simulator.rogue.RogueRelay.Mode;
import dev.hearth.simulator.rogue.RogueRelay;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 21, defect 3: a rogue that relays the lock's session. With protocol v2 it can pass frames
 * unchanged and nothing else: every change it makes is detected and ends the session with a reason
 * the gateway reports. Real sockets on loopback: driver, {@link RogueRelay}, simulated lock.
 */
class RelayAttackIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final DeviceCommand UNLOCK = new DeviceCommand.InvokeAction("2.2", List.of());
    private static final DeviceCommand LOCK = new DeviceCommand.InvokeAction("2.1", List.of());

    private static CompletableFuture<CommandOutcome> send(RelayRig rig, DeviceCommand command) {
        return rig.session.execute(command, Duration.ofSeconds(2)).toCompletableFuture();
    }

    private static CommandFailure failure(CompletableFuture<CommandOutcome> r) throws Exception {
        try {
            r.get(10, TimeUnit.SECONDS);
            throw new AssertionError("the command succeeded");
        } catch (ExecutionException e) {
            return (CommandFailure) e.getCause();
        }
    }

    private static String offlineDetail(RelayRig rig) {
        Await.until(WAIT, "the session closed", () -> rig.sink.count(DeviceEvent.WentOffline.class) >= 1);
        return rig.sink.all(DeviceEvent.WentOffline.class).get(0).detail();
    }

    @Test
    void aSessionRelayedUnchangedWorksAndTheRelaySeesOnlySealedFrames() throws Exception {
        try (RelayRig rig = new RelayRig(2, RelayRig.KEY, Map.of())) {
            rig.awaitOnline();
            assertThat(send(rig, UNLOCK).get(10, TimeUnit.SECONDS).succeeded()).isTrue();
            assertThat(rig.lock.property("2.1")).contains(Value.of(false));
            assertThat(send(rig, LOCK).get(10, TimeUnit.SECONDS).succeeded()).isTrue();
            Await.until(WAIT, "the locked state reported", () -> rig.sink.all(DeviceEvent.StateReported.class).stream()
                    .anyMatch(s -> Value.of(true).equals(s.values().get("2.1"))));

            // after the Challenge, everything the gateway sent was sealed: the relay could not read a command
            List<byte[]> toDevice = rig.relay.seen(Direction.TO_DEVICE);
            assertThat(toDevice.size()).isGreaterThanOrEqualTo(4);
            assertThat(toDevice.subList(1, toDevice.size())).allMatch(b -> b[0] == 0x02);
            assertThat(rig.sink.count(DeviceEvent.WentOffline.class)).isZero();
        }
    }

    static Stream<Arguments> reportTampering() {
        return Stream.of(
                Arguments.of(Mode.FLIP_BIT, "session tampered: (FORGED)", "forged"),
                Arguments.of(Mode.REPLAY, "session tampered: (REPLAYED)", "replayed"),
                Arguments.of(Mode.DROP, "session tampered: (MISSING)", "missing"),
                Arguments.of(Mode.INJECT, "session tampered: (FORGED)", "forged"),
                Arguments.of(Mode.REORDER, "session tampered: (MISSING)", "missing"));
    }

    @ParameterizedTest(name = "{0} on a frame to the gateway")
    @MethodSource("reportTampering")
    void tamperingWithTheDevicesFramesClosesTheSessionWithItsReason(Mode mode, String detail, String label) throws Exception {
        try (RelayRig rig = new RelayRig(2, RelayRig.KEY, Map.of())) {
            rig.awaitOnline();
            rig.relay.next(Direction.TO_GATEWAY, mode);

            assertThat(offlineDetail(rig)).startsWith(detail);
            assertThat(rig.counter("tampered_frames", label)).isEqualTo(1);
            // the session comes back by itself: tampering is a lost link, not a refused device
            Await.until(WAIT, "back online", () -> rig.sink.count(DeviceEvent.CameOnline.class) == 2);
        }
    }

    static Stream<Arguments> commandTampering() {
        return Stream.of(
                Arguments.of(Mode.FLIP_BIT, "(FORGED)"),
                Arguments.of(Mode.REPLAY, "(REPLAYED)"),
                Arguments.of(Mode.INJECT, "(FORGED)"));
    }

    @ParameterizedTest(name = "{0} on a command")
    @MethodSource("commandTampering")
    void tamperingWithACommandIsRefusedByTheDeviceWhichSaysSoSealed(Mode mode, String failure) throws Exception {
        try (RelayRig rig = new RelayRig(2, RelayRig.KEY, Map.of())) {
            rig.awaitOnline();
            rig.relay.next(Direction.TO_DEVICE, mode);
            CompletableFuture<CommandOutcome> unlock = send(rig, UNLOCK);

            assertThat(offlineDetail(rig)).startsWith("session tampered: the device refused a frame from the gateway: tampered frame " + failure);
            assertThat(rig.lock.tamperedFrames()).isEqualTo(1);
            assertThat(rig.counter("tampered_frames", "refused_by_device")).isEqualTo(1);
            if (mode != Mode.REPLAY) {
                // a replayed command ran once (its first copy is genuine); a forged or changed one never ran
                assertThat(failure(unlock).getMessage()).contains("session tampered");
                assertThat(rig.lock.property("2.1")).contains(Value.of(true));
            }
        }
    }

    @Test
    void reorderedCommandsAreRefusedByTheDevice() throws Exception {
        try (RelayRig rig = new RelayRig(2, RelayRig.KEY, Map.of())) {
            rig.awaitOnline();
            rig.relay.next(Direction.TO_DEVICE, Mode.REORDER);
            CompletableFuture<CommandOutcome> first = send(rig, UNLOCK);
            CompletableFuture<CommandOutcome> second = send(rig, LOCK);

            assertThat(offlineDetail(rig)).startsWith("session tampered: the device refused a frame from the gateway: tampered frame (MISSING)");
            assertThat(failure(first).getMessage()).contains("session tampered");
            assertThat(failure(second).getMessage()).contains("session tampered");
            assertThat(rig.lock.property("2.1")).contains(Value.of(true));
        }
    }

    @Test
    void theRelayAttackFailsTheSwallowedUnlockTimesOutAsTamperingAndTheForgedLockedIsNeverAccepted() throws Exception {
        try (RelayRig rig = new RelayRig(2, RelayRig.KEY, Map.of())) {
            rig.awaitOnline();
            // phase 1: the rogue swallows the owner's unlock and lets everything else through
            rig.relay.next(Direction.TO_DEVICE, Mode.DROP);
            CommandFailure swallowed = failure(send(rig, UNLOCK));

            assertThat(swallowed.code()).isEqualTo(CommandFailure.Code.DEVICE_TIMEOUT);
            assertThat(swallowed.getMessage()).contains("session tampered").contains("never received the command");
            assertThat(offlineDetail(rig)).startsWith("session tampered: the device kept talking but never received the command");
            assertThat(rig.lock.property("2.1")).contains(Value.of(true));

            // phase 2: the gateway reconnects through the rogue, which now reports locked=true (and a battery of 1 %)
            Await.until(WAIT, "back online", () -> rig.sink.count(DeviceEvent.CameOnline.class) == 2);
            int reportsBefore = rig.sink.count(DeviceEvent.StateReported.class);
            rig.relay.inject(Direction.TO_GATEWAY, LanFrames.encode(LanMessage.newBuilder().setPropertyReport(PropertyReport.newBuilder()
                    .addValues(PropertyValue.newBuilder().setSiid(2).setPiid(1).setValue(LanValues.toLan(Value.of(true))))
                    .addValues(PropertyValue.newBuilder().setSiid(3).setPiid(1).setValue(LanValues.toLan(Value.of(1L))))).build()));

            Await.until(WAIT, "the second session closed", () -> rig.sink.count(DeviceEvent.WentOffline.class) == 2);
            assertThat(rig.sink.all(DeviceEvent.WentOffline.class).get(1).detail()).startsWith("session tampered: (NOT_SEALED)");
            assertThat(rig.sink.all(DeviceEvent.StateReported.class)).noneMatch(s -> Value.of(1L).equals(s.values().get("3.1")));
            assertThat(rig.sink.count(DeviceEvent.StateReported.class)).isGreaterThanOrEqualTo(reportsBefore);
            assertThat(rig.sink.count(DeviceEvent.Refused.class)).isZero();
        }
    }

    @Test
    void aGatewayWithTheWrongKeyIsRejectedByTheDeviceBeforeTheDeviceProvesAnythingAndKeepsTrying() throws Exception {
        byte[] wrong = RelayRig.KEY.clone();
        wrong[0] ^= 1;
        try (RelayRig rig = new RelayRig(2, wrong, Map.of())) {
            Await.until(WAIT, "two attempts rejected", () -> rig.counter("handshake_failures", "rejected_by_device") >= 2);

            // the Reject is unauthenticated (a relay could have sent it): a plain close, retried with backoff, and
            // reported as proving nothing, so the session table changes nothing adopted for it
            assertThat(rig.sink.all(DeviceEvent.Refused.class)).isNotEmpty().allMatch(DeviceEvent.Refused::unauthenticated);
            assertThat(rig.relay.connections()).isGreaterThanOrEqualTo(2);
            assertThat(rig.lock.gatewaysRefused()).isGreaterThanOrEqualTo(2);
            // the device said Hello and Reject, and never sent a proof a rogue could relay
            for (byte[] frame : rig.relay.seen(Direction.TO_GATEWAY)) {
                LanMessage m = LanMessage.parseFrom(frame);
                assertThat(m.hasReject() || (m.hasHello() && m.getHello().getProof().isEmpty())).as(m.toString()).isTrue();
            }
            assertThat(rig.sink.count(DeviceEvent.CameOnline.class)).isZero();
        }
    }

    @Test
    void aRejectTheRelayInjectsDuringTheHandshakeIsAPlainCloseAndTheLockComesOnlineOnTheNextConnection() throws Exception {
        byte[] forged = LanMessage.newBuilder().setReject(Reject.newBuilder().setReason(Reject.Reason.GATEWAY_NOT_AUTHENTICATED)
                .setMessage("your proof does not verify")).build().toByteArray();
        // in place of the lock's Hello with its proof, on the first connection
        try (RelayRig rig = new RelayRig(2, RelayRig.KEY, Map.of(), relay -> relay.replace(Direction.TO_GATEWAY, 1, 1, forged))) {
            rig.awaitOnline();

            assertThat(rig.relay.attacks(Direction.TO_GATEWAY)).isEqualTo(1);
            assertThat(rig.relay.connections()).isEqualTo(2);
            assertThat(rig.counter("handshake_failures", "rejected_by_device")).isEqualTo(1);
            assertThat(rig.counters.keySet()).noneMatch(k -> k.startsWith("refused_devices/"));
            assertThat(rig.sink.all(DeviceEvent.Refused.class)).as("nothing a session table acts on for an adopted device")
                    .singleElement().matches(DeviceEvent.Refused::unauthenticated);
            assertThat(rig.sink.count(DeviceEvent.CameOnline.class)).isEqualTo(1);
            assertThat(send(rig, LOCK).get(10, TimeUnit.SECONDS)).isNotNull();
        }
    }

    @Test
    void aV1DeviceIsRefusedByDefault() throws Exception {
        try (RelayRig rig = new RelayRig(1, RelayRig.KEY, Map.of())) {
            Await.until(WAIT, "refused", () -> rig.sink.count(DeviceEvent.Refused.class) == 1);

            assertThat(rig.sink.all(DeviceEvent.Refused.class).get(0).reason()).contains("insecure protocol v1 refused");
            Await.until(WAIT, "the device told", () -> rig.lock.rejections() == 1);
            assertThat(rig.lock.lastRejection()).hasValueSatisfying(r -> assertThat(r).startsWith("INSECURE_VERSION"));
            assertThat(rig.counter("refused_devices", "insecure_v1")).isEqualTo(1);
        }
    }

    @Test
    void aV1DeviceIsAcceptedUnsealedWithAllowInsecureV1() throws Exception {
        try (RelayRig rig = new RelayRig(1, RelayRig.KEY, Map.of("native.allowInsecureV1", "true"))) {
            rig.awaitOnline();
            assertThat(send(rig, UNLOCK).get(10, TimeUnit.SECONDS).succeeded()).isTrue();

            assertThat(rig.lock.property("2.1")).contains(Value.of(false));
            assertThat(rig.counter("insecure_sessions", "v1")).isEqualTo(1);
            // v1 is what it was: a relay reads the command in the clear
            assertThat(rig.relay.seen(Direction.TO_DEVICE)).anyMatch(b -> b[0] != 0x02 && parses(b) && parsed(b).hasCommand());
        }
    }

    private static boolean parses(byte[] b) {
        try {
            LanMessage.parseFrom(b);
            return true;
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return false;
        }
    }

    private static LanMessage parsed(byte[] b) {
        try {
            return LanMessage.parseFrom(b);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
