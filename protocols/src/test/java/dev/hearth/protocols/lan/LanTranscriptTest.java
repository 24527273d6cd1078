package dev.hearth.protocols.lan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LanTranscriptTest {
    static final byte[] KEY = LanSamples.pattern(32, 0x40).toByteArray();
    static final byte[] DEVICE_NONCE = LanSamples.pattern(32, 0x10).toByteArray();
    static final byte[] GATEWAY_NONCE = LanSamples.pattern(32, 0x70).toByteArray();

    static LanTranscript transcript() {
        return new LanTranscript(2, List.of(2), "lock-1", "hearth.lock.v1", "2.0.0", 5000, DEVICE_NONCE, GATEWAY_NONCE);
    }

    @Test
    void bothSidesDeriveTheSameProofsAndTheGatewayAndDeviceProofsDiffer() {
        LanTranscript t = transcript();
        assertThat(t.verifyGateway(KEY, transcript().gatewayProof(KEY))).isTrue();
        assertThat(t.verifyDevice(KEY, transcript().deviceProof(KEY))).isTrue();
        // a gateway proof relayed back as a device proof is no device proof
        assertThat(t.verifyDevice(KEY, t.gatewayProof(KEY))).isFalse();
    }

    @Test
    void aWrongKeyFailsBothProofs() {
        byte[] wrong = KEY.clone();
        wrong[31] ^= 1;
        assertThat(transcript().verifyGateway(KEY, transcript().gatewayProof(wrong))).isFalse();
        assertThat(transcript().verifyDevice(KEY, transcript().deviceProof(wrong))).isFalse();
    }

    @Test
    void everyBoundFieldChangesTheProof() {
        byte[] proof = transcript().gatewayProof(KEY);
        byte[] otherNonce = DEVICE_NONCE.clone();
        otherNonce[0] ^= 1;
        List<LanTranscript> changed = List.of(
                new LanTranscript(3, List.of(2), "lock-1", "hearth.lock.v1", "2.0.0", 5000, DEVICE_NONCE, GATEWAY_NONCE),
                new LanTranscript(2, List.of(1, 2), "lock-1", "hearth.lock.v1", "2.0.0", 5000, DEVICE_NONCE, GATEWAY_NONCE),
                new LanTranscript(2, List.of(2), "lock-2", "hearth.lock.v1", "2.0.0", 5000, DEVICE_NONCE, GATEWAY_NONCE),
                new LanTranscript(2, List.of(2), "lock-1", "hearth.lock.v1", "2.0.0", 5000, otherNonce, GATEWAY_NONCE),
                new LanTranscript(2, List.of(2), "lock-1", "hearth.lock.v1", "2.0.0", 5000, DEVICE_NONCE, otherNonce),
                new LanTranscript(2, List.of(2), "lock-1", "hearth.lamp.v1", "2.0.0", 5000, DEVICE_NONCE, GATEWAY_NONCE),
                new LanTranscript(2, List.of(2), "lock-1", "hearth.lock.v1", "2.0.1", 5000, DEVICE_NONCE, GATEWAY_NONCE),
                new LanTranscript(2, List.of(2), "lock-1", "hearth.lock.v1", "2.0.0", 600_000, DEVICE_NONCE, GATEWAY_NONCE),
                // swapping the nonces is another transcript, not the same one
                new LanTranscript(2, List.of(2), "lock-1", "hearth.lock.v1", "2.0.0", 5000, GATEWAY_NONCE, DEVICE_NONCE));
        for (LanTranscript t : changed) {
            assertThat(t.verifyGateway(KEY, proof)).as(t.toString()).isFalse();
        }
    }

    @Test
    void sessionKeysDifferPerDirectionAndPerSession() {
        SealedFrames gateway = transcript().sessionKeys(KEY).gatewayEnd();
        SealedFrames device = transcript().sessionKeys(KEY).deviceEnd();
        byte[] toDevice = gateway.seal(new byte[] {1, 2, 3});

        assertThat(device.open(toDevice)).isInstanceOf(SealedFrames.OpenResult.Opened.class);
        // a frame reflected back to its sender does not open: the directions have different keys
        SealedFrames gateway2 = transcript().sessionKeys(KEY).gatewayEnd();
        assertThat(gateway2.open(toDevice)).isInstanceOfSatisfying(SealedFrames.OpenResult.Refused.class,
                r -> assertThat(r.failure()).isEqualTo(SealedFrames.Failure.FORGED));
        // a frame from another session (another gateway nonce) does not open either
        byte[] otherGatewayNonce = GATEWAY_NONCE.clone();
        otherGatewayNonce[5] ^= 1;
        SealedFrames spliced = new LanTranscript(2, List.of(2), "lock-1", "hearth.lock.v1", "2.0.0", 5000, DEVICE_NONCE, otherGatewayNonce).sessionKeys(KEY).deviceEnd();
        assertThat(spliced.open(toDevice)).isInstanceOfSatisfying(SealedFrames.OpenResult.Refused.class,
                r -> assertThat(r.failure()).isEqualTo(SealedFrames.Failure.FORGED));
    }

    @Test
    void theTranscriptOfTheSampleHelloIsTheSampleTranscript() {
        var hello = LanSamples.all().get("hello_v2").getHello();
        assertThat(LanTranscript.of(hello, 2, LanSamples.V2_TRANSCRIPT.gatewayNonce())).isEqualTo(LanSamples.V2_TRANSCRIPT);
    }

    @Test
    void keysNeverAppearInToString() {
        assertThat(transcript().sessionKeys(KEY).toString()).isEqualTo("LanSessionKeys[redacted]");
    }
}
