package dev.hearth.driver.nativeproto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.driver.api.CommandFailure;
import dev.hearth.driver.api.CommandOutcome;
import dev.hearth.driver.api.DeviceCommand;
import dev.hearth.driver.api.DeviceEvent;
import dev.hearth.driver.api.value.Value;
import dev.hearth.protocols.lan.LanTranscript;
import dev.hearth.protocols.lan.LanValues;
import dev.hearth.protocols.lan.SealedFrames;
import dev.hearth.protocols.lan.v1.Challenge;
import dev.hearth.protocols.lan.v1.Heartbeat;
import dev.hearth.protocols.lan.v1.Hello;
import dev.hearth.protocols.lan.v1.LanMessage;
import dev.hearth.protocols.lan.v1.PropertyReport;
import dev.hearth.protocols.lan.v1.PropertyValue;
import dev.hearth.protocols.lan.v1.Reject;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** Protocol v2 from the gateway's side: mutual proofs, sealed frames, version policy. */
class SealedSessionTest {

    private static LanMessage report(long brightness) {
        return LanMessage.newBuilder().setPropertyReport(PropertyReport.newBuilder()
                .addValues(PropertyValue.newBuilder().setSiid(2).setPiid(2).setValue(LanValues.toLan(Value.of(brightness))))).build();
    }

    private static LanMessage heartbeat(long seq) {
        return LanMessage.newBuilder().setHeartbeat(Heartbeat.newBuilder().setSeq(seq)).build();
    }

    @Test
    void theWelcomeIsTheGatewaysFirstSealedFrame() {
        SessionHarness h = new SessionHarness();
        h.deviceSends(LanMessage.newBuilder().setHello(SessionHarness.hello()).build());
        Challenge challenge = h.gatewaySent().orElseThrow().getChallenge();
        assertThat(challenge.getVersion()).isEqualTo(2);
        LanTranscript t = LanTranscript.of(SessionHarness.hello().build(), 2, challenge.getNonce().toByteArray());
        h.deviceSends(LanMessage.newBuilder().setHello(SessionHarness.hello()
                .setProof(com.google.protobuf.ByteString.copyFrom(t.deviceProof(SessionHarness.KEY)))).build());

        ByteBuf welcome = h.channel().readOutbound();
        assertThat(welcome.getByte(1)).isEqualTo(SealedFrames.MARKER);
        welcome.release();
        assertThat(h.events(DeviceEvent.CameOnline.class)).hasSize(1);
    }

    @Test
    void aRelayThatChangesTheHelloMakesTheGatewaysProofFailAtTheDevice() {
        SessionHarness h = new SessionHarness();
        Hello sent = SessionHarness.hello().build();
        // the relay stretches the heartbeat interval, to hide that it is dropping frames
        h.deviceSends(LanMessage.newBuilder().setHello(sent.toBuilder().setHeartbeatIntervalMs(3_600_000)).build());
        Challenge challenge = h.gatewaySent().orElseThrow().getChallenge();

        LanTranscript asTheDeviceSeesIt = LanTranscript.of(sent, challenge.getVersion(), challenge.getNonce().toByteArray());
        assertThat(asTheDeviceSeesIt.verifyGateway(SessionHarness.KEY, challenge.getGatewayProof().toByteArray())).isFalse();
    }

    @Test
    void aHelloTooBigForTheTranscriptIsRefusedNotThrown() {
        SessionHarness h = new SessionHarness(Map.of("native.maxFrameBytes", "200000"));
        h.deviceSends(LanMessage.newBuilder().setHello(SessionHarness.hello().setFirmware("x".repeat(70_000))).build());

        assertThat(h.gatewaySent().orElseThrow().getReject().getReason()).isEqualTo(Reject.Reason.PROTOCOL_ERROR);
        assertThat(h.counters.get("refused_devices", "bad_hello")).isEqualTo(1);
        assertThat(h.channel().isOpen()).isFalse();
    }

    @Test
    void aV1DeviceIsRefusedAsInsecureByDefaultAndNotRetried() {
        SessionHarness h = new SessionHarness();
        h.deviceSends(LanMessage.newBuilder().setHello(SessionHarness.helloV1()).build());

        assertThat(h.gatewaySent().orElseThrow().getReject().getReason()).isEqualTo(Reject.Reason.INSECURE_VERSION);
        assertThat(h.events(DeviceEvent.Refused.class)).singleElement()
                .satisfies(e -> assertThat(e.reason()).contains("insecure protocol v1 refused").contains("devices.allowInsecureV1"));
        assertThat(h.counters.get("refused_devices", "insecure_v1")).isEqualTo(1);
        h.advance(Duration.ofMinutes(10));
        assertThat(h.channels).hasSize(1);
    }

    @Test
    void aV1DeviceIsAcceptedUnsealedWhenInsecureV1IsAllowedAndCounted() {
        SessionHarness h = new SessionHarness(Map.of("native.allowInsecureV1", "true"));
        LanMessage answer = h.handshakeV1(SessionHarness.KEY);

        assertThat(answer.getWelcome().getSession()).isEqualTo(1);
        assertThat(h.counters.get("insecure_sessions", "v1")).isEqualTo(1);
        h.deviceSends(report(40));
        assertThat(h.events(DeviceEvent.StateReported.class)).hasSize(1);
    }

    @Test
    void aPlaintextRejectOfTheGatewaysProofIsAPlainCloseNotARefusalAndTheSessionReconnects() {
        // the Reject proves nothing: the device sent it, or a relay did (issue 21, defect 3)
        SessionHarness h = new SessionHarness();
        h.deviceSends(LanMessage.newBuilder().setHello(SessionHarness.hello()).build());
        h.gatewaySent().orElseThrow();
        h.deviceSends(LanMessage.newBuilder().setReject(Reject.newBuilder().setReason(Reject.Reason.GATEWAY_NOT_AUTHENTICATED)).build());

        assertThat(h.events(DeviceEvent.Refused.class)).singleElement()
                .satisfies(e -> assertThat(e.unauthenticated()).as("marked as proving nothing").isTrue());
        assertThat(h.events(DeviceEvent.WentOffline.class)).isEmpty();
        assertThat(h.counters.get("handshake_failures", "rejected_by_device")).isEqualTo(1);
        assertThat(h.counters.get("refused_devices", "gateway_not_authenticated")).isZero();
        assertThat(h.channel().isOpen()).isFalse();
        h.advance(Duration.ofMinutes(10));
        assertThat(h.channels).as("reconnected with backoff, as after a cut").hasSizeGreaterThan(1);
    }

    @Test
    void aForgedReportClosesTheSessionAsTamperedAndIsNeverReported() {
        SessionHarness h = new SessionHarness();
        h.online();
        byte[] frame = h.deviceFrame(report(40));
        frame[frame.length - 3] ^= 0x10;
        h.deviceSendsBytes(frame);

        assertThat(h.events(DeviceEvent.StateReported.class)).isEmpty();
        assertThat(h.counters.get("tampered_frames", "forged")).isEqualTo(1);
        assertThat(h.events(DeviceEvent.WentOffline.class)).singleElement()
                .satisfies(e -> assertThat(e.detail()).startsWith("session tampered: (FORGED)"));
        assertThat(h.channel().isOpen()).isFalse();
    }

    @Test
    void aReplayedReportClosesTheSessionAndCountsOnce() {
        SessionHarness h = new SessionHarness();
        h.online();
        byte[] frame = h.deviceFrame(report(40));
        h.deviceSendsBytes(frame);
        h.deviceSendsBytes(frame);

        assertThat(h.events(DeviceEvent.StateReported.class)).hasSize(1);
        assertThat(h.counters.get("tampered_frames", "replayed")).isEqualTo(1);
        assertThat(h.events(DeviceEvent.WentOffline.class)).singleElement()
                .satisfies(e -> assertThat(e.detail()).startsWith("session tampered: (REPLAYED)"));
    }

    @Test
    void anUnsealedFrameAfterTheHandshakeIsTampering() {
        SessionHarness h = new SessionHarness();
        h.online();
        h.deviceSendsBytes(dev.hearth.protocols.lan.LanFrames.encode(report(40)));

        assertThat(h.events(DeviceEvent.StateReported.class)).isEmpty();
        assertThat(h.counters.get("tampered_frames", "not_sealed")).isEqualTo(1);
    }

    @Test
    void aCommandDroppedOnTheWayTimesOutAsTamperingAndClosesTheSession() throws Exception {
        SessionHarness h = new SessionHarness();
        h.online();
        CompletableFuture<CommandOutcome> r = h.session.execute(
                new DeviceCommand.SetProperties(Map.of("2.2", Value.of(10L))), Duration.ofSeconds(2)).toCompletableFuture();
        ByteBuf swallowed = h.channel().readOutbound(); // the relay swallows the command
        swallowed.release();
        for (int i = 0; i < 4; i++) {
            h.advance(Duration.ofMillis(450));
            h.deviceSends(heartbeat(i)); // the device keeps talking; its ack still covers the Welcome only
        }
        h.advance(Duration.ofMillis(200));

        CommandFailure failure = failure(r);
        assertThat(failure.code()).isEqualTo(CommandFailure.Code.DEVICE_TIMEOUT);
        assertThat(failure.getMessage()).contains("session tampered").contains("never received the command");
        assertThat(h.events(DeviceEvent.WentOffline.class)).singleElement()
                .satisfies(e -> assertThat(e.detail()).startsWith("session tampered: the device kept talking"));
        assertThat(h.counters.get("tampered_frames", "command_lost")).isEqualTo(1);
    }

    @Test
    void aCommandToASilentDeviceIsAPlainTimeoutNotTampering() throws Exception {
        SessionHarness h = new SessionHarness();
        h.online();
        CompletableFuture<CommandOutcome> r = h.session.execute(
                new DeviceCommand.SetProperties(Map.of("2.2", Value.of(10L))), Duration.ofSeconds(2)).toCompletableFuture();
        h.advance(Duration.ofSeconds(2));

        assertThat(failure(r).getMessage()).isEqualTo("no result within 2000 ms");
        assertThat(h.events(DeviceEvent.WentOffline.class)).isEmpty();
    }

    private static CommandFailure failure(CompletableFuture<CommandOutcome> r) throws InterruptedException {
        assertThat(r).isCompletedExceptionally();
        try {
            r.get();
            throw new AssertionError("not failed");
        } catch (ExecutionException e) {
            return (CommandFailure) e.getCause();
        }
    }
}
