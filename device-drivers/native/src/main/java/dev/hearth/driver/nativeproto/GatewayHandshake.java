package dev.hearth.driver.nativeproto;

import com.google.protobuf.ByteString;
import dev.hearth.driver.api.DeviceSecret;
import dev.hearth.protocols.lan.LanAuth;
import dev.hearth.protocols.lan.LanTranscript;
import dev.hearth.protocols.lan.SealedFrames;
import dev.hearth.protocols.lan.v1.Challenge;
import dev.hearth.protocols.lan.v1.Hello;
import dev.hearth.protocols.lan.v1.Reject;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The gateway's half of the LAN handshake, without Netty (DESIGN.md §11): picks the version from
 * what the device's first Hello offers (v2; v1 only when insecure v1 is allowed), answers with a
 * Challenge that carries the gateway's own proof (v2), then checks the device's proof and derives
 * the session's sealing. One instance per connection, confined to its event loop.
 */
final class GatewayHandshake {
    static final int V1 = 1;
    static final int V2 = 2;

    /** What the handshake says to do next. */
    sealed interface Step {
        /** Send this Challenge and wait for the proof. */
        record Challenge(dev.hearth.protocols.lan.v1.Challenge challenge) implements Step { }

        /** Refuse the device: send a Reject with {@code reason}, count {@code label}, never retry. */
        record Refuse(Reject.Reason reason, String label, String detail) implements Step { }

        /** The device proved its key: {@code sealing} is present for v2, empty for insecure v1. */
        record Online(int version, Hello hello, Optional<SealedFrames> sealing) implements Step { }
    }

    private final String deviceId;
    private final boolean allowInsecureV1;
    private final Supplier<byte[]> nonces;
    private Hello first;
    private int version;
    private DeviceSecret key;
    private byte[] nonce;
    private LanTranscript transcript;

    GatewayHandshake(String deviceId, boolean allowInsecureV1, Supplier<byte[]> nonces) {
        this.deviceId = deviceId;
        this.allowInsecureV1 = allowInsecureV1;
        this.nonces = nonces;
    }

    /** The device's first Hello (its id already checked); {@code key} is the device's key, if the gateway has one. */
    Step hello(Hello hello, Optional<DeviceSecret> key) {
        List<Integer> offered = hello.getSupportedVersionsCount() > 0 ? hello.getSupportedVersionsList() : List.of(hello.getProtocolVersion());
        if (offered.contains(V2)) {
            version = V2;
        } else if (offered.contains(V1)) {
            if (!allowInsecureV1) {
                return new Step.Refuse(Reject.Reason.INSECURE_VERSION, "insecure_v1",
                        "insecure protocol v1 refused: the device cannot authenticate the gateway or seal its frames "
                                + "(set devices.allowInsecureV1 to accept it)");
            }
            version = V1;
        } else {
            return new Step.Refuse(Reject.Reason.UNSUPPORTED_VERSION, "unsupported_version", "unsupported protocol version(s) " + offered);
        }
        if (key.isEmpty()) {
            return new Step.Refuse(Reject.Reason.UNKNOWN_DEVICE, "unknown_key", "unknown key: no secret for device " + deviceId);
        }
        if (version == V2 && hello.getDeviceNonce().size() != LanTranscript.NONCE_BYTES) {
            return new Step.Refuse(Reject.Reason.PROTOCOL_ERROR, "bad_hello",
                    "a v2 Hello needs a " + LanTranscript.NONCE_BYTES + "-byte device nonce, got " + hello.getDeviceNonce().size());
        }
        byte[] fresh = nonces.get();
        Challenge.Builder challenge = Challenge.newBuilder().setNonce(ByteString.copyFrom(fresh));
        if (version == V2) {
            try {
                transcript = LanTranscript.of(hello, V2, fresh);
            } catch (IllegalArgumentException unfit) {
                // e.g. a text field longer than the transcript's 16-bit lengths: refused, not thrown at the pipeline
                return new Step.Refuse(Reject.Reason.PROTOCOL_ERROR, "bad_hello", "the Hello does not fit a v2 transcript: " + unfit.getMessage());
            }
            challenge.setVersion(V2).setGatewayProof(ByteString.copyFrom(transcript.gatewayProof(key.get().bytes())));
        }
        first = hello;
        this.key = key.get();
        nonce = fresh;
        return new Step.Challenge(challenge.build());
    }

    /** The device's second Hello, with its proof. */
    Step proof(Hello hello) {
        Objects.requireNonNull(first, "hello() first");
        byte[] proof = hello.getProof().toByteArray();
        boolean good = version == V2
                ? transcript.verifyDevice(key.bytes(), proof)
                : LanAuth.verify(key.bytes(), nonce, deviceId, proof);
        if (!good) {
            forget();
            return new Step.Refuse(Reject.Reason.BAD_PROOF, "bad_proof", "bad proof: the device does not hold the expected key");
        }
        Optional<SealedFrames> sealing = version == V2 ? Optional.of(transcript.sessionKeys(key.bytes()).gatewayEnd()) : Optional.empty();
        // v2 takes what it uses from the first Hello, which the transcript authenticated; v1 keeps its old behaviour
        Hello used = version == V2 ? first : hello;
        forget();
        return new Step.Online(version, used, sealing);
    }

    private void forget() {
        key = null;
        nonce = null;
        transcript = null;
    }
}
