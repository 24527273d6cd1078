package dev.hearth.protocols.cloud;

import com.google.protobuf.ByteString;
import dev.hearth.protocols.cloud.CommandDecoder;
import dev.hearth.protocols.cloud.v1.CommandBody;
import dev.hearth.protocols.cloud.v1.SignedCommand;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The cloud side of the command contract: fills in request id, issue and expiry times and a random
 * nonce, and signs the body with Ed25519 under {@code keyId}. Used by {@code hearth ctl}, tests and
 * benchmarks.
 */
public final class CommandSigner {
    private final String keyId;
    private final PrivateKey key;
    private final Clock clock;
    private final SecureRandom random;
    private final Duration validity;

    public CommandSigner(String keyId, PrivateKey key, Clock clock, SecureRandom random, Duration validity) {
        this.keyId = Objects.requireNonNull(keyId, "keyId");
        this.key = Objects.requireNonNull(key, "key");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.validity = Objects.requireNonNull(validity, "validity");
        if (!"Ed25519".equals(key.getAlgorithm()) && !"EdDSA".equals(key.getAlgorithm())) {
            throw new IllegalArgumentException("not an Ed25519 private key: " + key.getAlgorithm());
        }
    }

    /**
     * A body for {@code user} in {@code home}, for {@code gateway} only, on {@code device} (may be
     * empty), valid from now, with a fresh random nonce.
     */
    public CommandBody.Builder newBody(String user, String home, String gateway, String device) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        byte[] rid = new byte[8];
        random.nextBytes(rid);
        long now = clock.millis();
        return CommandBody.newBuilder()
                .setSchemaVersion(CommandDecoder.SCHEMA_VERSION)
                .setRequestId(HexFormat.of().formatHex(rid))
                .setUser(user)
                .setHome(home)
                .setGateway(gateway)
                .setDevice(device)
                .setIssuedAtMs(now)
                .setExpiresAtMs(now + validity.toMillis())
                .setNonce(ByteString.copyFrom(nonce));
    }

    /** Signs {@code body} exactly as given. */
    public SignedCommand sign(CommandBody body) {
        ByteString bytes = body.toByteString();
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(bytes.toByteArray());
            return SignedCommand.newBuilder().setBody(bytes).setSignature(ByteString.copyFrom(s.sign())).setKeyId(keyId).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed: " + e.getMessage(), e);
        }
    }

    public String keyId() {
        return keyId;
    }

    @Override
    public String toString() {
        return "CommandSigner[" + keyId + "]";
    }
}
