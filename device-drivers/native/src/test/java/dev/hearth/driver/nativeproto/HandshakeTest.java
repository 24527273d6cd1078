package dev.hearth.driver.nativeproto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.driver.api.DeviceEvent;
import dev.hearth.driver.api.OfflineReason;
import dev.hearth.protocols.lan.LanValues;
import dev.hearth.protocols.lan.v1.Goodbye;
import dev.hearth.protocols.lan.v1.LanMessage;
import dev.hearth.protocols.lan.v1.Reject;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HandshakeTest {

    @Test
    void theGatewayChallengesAHelloWithA32ByteNonce() {
        SessionHarness h = new SessionHarness();
        h.deviceSends(LanMessage.newBuilder().setHello(SessionHarness.hello()).build());
        assertThat(h.gatewaySent().orElseThrow().getChallenge().getNonce().size()).isEqualTo(32);
        assertThat(h.events).isEmpty();
    }

    @Test
    void goodProofBringsTheDeviceOnlineWithItsFirmware() {
        SessionHarness h = new SessionHarness();
        LanMessage answer = h.handshake(SessionHarness.KEY);

        assertThat(answer.getWelcome().getSession()).isEqualTo(1);
        assertThat(h.events).singleElement().isInstanceOfSatisfying(DeviceEvent.CameOnline.class, e -> {
            assertThat(e.link()).isEqualTo(1);
            assertThat(e.firmware()).contains("1.2.3");
        });
    }

    @Test
    void badProofIsRefusedCountedAndNeverRetried() {
        SessionHarness h = new SessionHarness();
        byte[] wrong = SessionHarness.KEY.clone();
        wrong[0] ^= 1;

        LanMessage answer = h.handshake(wrong);

        assertThat(answer.getReject().getReason()).isEqualTo(Reject.Reason.BAD_PROOF);
        assertThat(h.events).singleElement().isInstanceOfSatisfying(DeviceEvent.Refused.class,
                e -> assertThat(e.reason()).contains("bad proof"));
        assertThat(h.counters.get("refused_devices", "bad_proof")).isEqualTo(1);
        assertThat(h.channel().isOpen()).isFalse();
        h.advance(Duration.ofMinutes(10));
        assertThat(h.channels).hasSize(1);
    }

    @Test
    void unknownKeyIsRefusedWithoutAChallenge() {
        SessionHarness h = new SessionHarness();
        h.secrets.clear();

        h.deviceSends(LanMessage.newBuilder().setHello(SessionHarness.hello()).build());

        assertThat(h.gatewaySent().orElseThrow().getReject().getReason()).isEqualTo(Reject.Reason.UNKNOWN_DEVICE);
        assertThat(h.events(DeviceEvent.Refused.class)).singleElement()
                .satisfies(e -> assertThat(e.reason()).contains("unknown key"));
        assertThat(h.counters.get("refused_devices", "unknown_key")).isEqualTo(1);
        h.advance(Duration.ofMinutes(10));
        assertThat(h.channels).hasSize(1);
    }

    @Test
    void aHandshakeThatNeverEndsIsDroppedAndRetried() {
        SessionHarness h = new SessionHarness();
        h.advance(Duration.ofSeconds(10));
        assertThat(h.channels.get(0).isOpen()).isFalse();
        assertThat(h.counters.get("handshake_failures", "timeout")).isEqualTo(1);
        assertThat(h.events).isEmpty();
        h.advance(Duration.ofSeconds(1));
        assertThat(h.channels).hasSize(2);
    }

    @Test
    void heartbeatTimeoutFiresExactlyAtMissesTimesInterval() {
        SessionHarness h = new SessionHarness();
        h.online();

        h.advance(Duration.ofMillis(2999));
        assertThat(h.events(DeviceEvent.WentOffline.class)).isEmpty();
        h.advance(Duration.ofMillis(1));

        assertThat(h.events(DeviceEvent.WentOffline.class)).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(OfflineReason.HEARTBEAT_TIMEOUT);
            assertThat(e.link()).isEqualTo(1);
        });
        assertThat(h.channel().isOpen()).isFalse();
    }

    @Test
    void heartbeatsKeepTheDeviceOnline() {
        SessionHarness h = new SessionHarness();
        h.online();
        for (int i = 0; i < 10; i++) {
            h.advance(Duration.ofMillis(1000));
            h.deviceSends(LanMessage.newBuilder().setHeartbeat(dev.hearth.protocols.lan.v1.Heartbeat.newBuilder().setSeq(i)).build());
        }
        h.advance(Duration.ofMillis(2999));
        assertThat(h.events(DeviceEvent.WentOffline.class)).isEmpty();
        h.advance(Duration.ofMillis(1));
        assertThat(h.events(DeviceEvent.WentOffline.class)).hasSize(1);
    }

    @Test
    void aClosedConnectionGoesOfflineAndComesBackWithAHigherLink() {
        SessionHarness h = new SessionHarness();
        h.online();
        h.channel().close();

        assertThat(h.events(DeviceEvent.WentOffline.class)).singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo(OfflineReason.CONNECTION_CLOSED));
        h.advance(Duration.ofMillis(500));
        assertThat(h.channels).hasSize(2);
        assertThat(h.handshake(SessionHarness.KEY).getWelcome().getSession()).isEqualTo(2);
        assertThat(h.events(DeviceEvent.CameOnline.class)).extracting(DeviceEvent.CameOnline::link).containsExactly(1L, 2L);
    }

    @Test
    void aGoodbyeFromTheDeviceIsAClosedConnectionWithItsReason() {
        SessionHarness h = new SessionHarness();
        h.online();
        h.deviceSends(LanMessage.newBuilder().setGoodbye(Goodbye.newBuilder().setReason(Goodbye.Reason.RESTART)).build());

        assertThat(h.events(DeviceEvent.WentOffline.class)).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo(OfflineReason.CONNECTION_CLOSED);
            assertThat(e.detail()).startsWith("device said goodbye: RESTART");
        });
    }

    @Test
    void aMalformedFrameClosesTheConnectionWithAReasonAndACount() {
        SessionHarness h = new SessionHarness();
        h.online();
        h.deviceSendsSealed(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});

        assertThat(h.counters.get("malformed_frames", "bad_message")).isEqualTo(1);
        assertThat(h.events(DeviceEvent.WentOffline.class)).singleElement()
                .satisfies(e -> assertThat(e.detail()).startsWith("malformed frame: "));
        assertThat(h.channel().isOpen()).isFalse();
    }

    @Test
    void anOversizedFrameIsCountedAsOversized() {
        SessionHarness h = new SessionHarness();
        h.online();
        // varint 1,000,000: above the default 64 KiB limit, rejected before any body byte
        h.deviceSendsBytes(new byte[] {(byte) 0xC0, (byte) 0x84, 0x3D});

        assertThat(h.counters.get("malformed_frames", "oversized")).isEqualTo(1);
        assertThat(h.channel().isOpen()).isFalse();
    }

    @Test
    void reportsAndEventsReachTheSinkKeyedByIds() {
        SessionHarness h = new SessionHarness();
        h.online();
        h.deviceSends(LanMessage.newBuilder().setPropertyReport(dev.hearth.protocols.lan.v1.PropertyReport.newBuilder()
                .addValues(dev.hearth.protocols.lan.v1.PropertyValue.newBuilder().setSiid(2).setPiid(2)
                        .setValue(LanValues.toLan(dev.hearth.driver.api.value.Value.of(42L))))
                .addValues(dev.hearth.protocols.lan.v1.PropertyValue.newBuilder().setName("mystery")
                        .setValue(LanValues.toLan(dev.hearth.driver.api.value.Value.of("x"))))).build());
        h.deviceSends(LanMessage.newBuilder().setEvent(dev.hearth.protocols.lan.v1.Event.newBuilder().setSiid(2).setEiid(1)
                .putArgs("user", LanValues.toLan(dev.hearth.driver.api.value.Value.of("alice")))).build());

        assertThat(h.events(DeviceEvent.StateReported.class)).singleElement().satisfies(e ->
                assertThat(e.values()).containsEntry("2.2", dev.hearth.driver.api.value.Value.of(42L))
                        .containsEntry("mystery", dev.hearth.driver.api.value.Value.of("x")));
        assertThat(h.events(DeviceEvent.EventTriggered.class)).singleElement().satisfies(e -> {
            assertThat(e.event()).isEqualTo("2.1");
            assertThat(e.args()).containsEntry("user", dev.hearth.driver.api.value.Value.of("alice"));
        });
    }

    @Test
    void closingTheSessionSaysGoodbyeAndReportsNothingMore() {
        SessionHarness h = new SessionHarness();
        h.online();
        int before = h.events.size();
        h.session.close();

        assertThat(h.gatewaySent()).hasValueSatisfying(m -> assertThat(m.hasGoodbye()).isTrue());
        assertThat(h.channel().isOpen()).isFalse();
        h.advance(Duration.ofMinutes(5));
        assertThat(h.events).hasSize(before);
        assertThat(h.channels).hasSize(1);
        assertThat(Optional.of(h.session.deviceId())).contains(SessionHarness.DEVICE);
    }
}
