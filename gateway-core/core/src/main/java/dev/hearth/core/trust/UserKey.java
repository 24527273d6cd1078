package dev.hearth.core.trust;

import com.google.protobuf.ByteString;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A user's identity (DESIGN.md section 6): an Ed25519 public key (RFC 8032, 32 bytes), made on the
 * user's own device. The user id is its {@link #fingerprint()}, {@code k_} and the first 16 bytes
 * of SHA-256(key) in hex: stable, and pseudonymous (it is still personal data: it singles a person
 * out). Equal by key bytes. Verifies with Bouncy Castle, its point decoded once here.
 */
public final class UserKey {
    /** Ed25519 public keys are always this long. */
    public static final int BYTES = 32;
    /** Every fingerprint starts with this. */
    public static final String PREFIX = "k_";

    private final ByteString raw;
    private final String fingerprint;
    private final Ed25519PublicKeyParameters point;

    private UserKey(ByteString raw, Ed25519PublicKeyParameters point) {
        this.raw = raw;
        this.point = point;
        this.fingerprint = PREFIX + HexFormat.of().formatHex(sha256(raw.toByteArray()), 0, 16);
    }

    /** The key with these 32 bytes, or empty when they are not an Ed25519 public key. */
    public static Optional<UserKey> of(ByteString raw) {
        if (raw == null || raw.size() != BYTES) return Optional.empty();
        try {
            return Optional.of(new UserKey(raw, new Ed25519PublicKeyParameters(raw.toByteArray(), 0)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The key whose bytes are {@code raw}; throws IllegalArgumentException if they are not one. */
    public static UserKey require(ByteString raw) {
        return of(raw).orElseThrow(() -> new IllegalArgumentException("not a 32-byte Ed25519 public key"));
    }

    public ByteString raw() {
        return raw;
    }

    /** The user id: {@code k_} and 32 hex digits. */
    public String fingerprint() {
        return fingerprint;
    }

    /** True when {@code signature} is this key's signature of {@code message}; false for any other bytes. */
    public boolean verifies(byte[] message, byte[] signature) {
        if (signature == null || signature.length != BYTES * 2) return false;
        Ed25519Signer s = new Ed25519Signer();
        s.init(false, point);
        s.update(message, 0, message.length);
        return s.verifySignature(signature);
    }

    /** SHA-256 of the key's bytes: what a tombstone keeps of an erased key. */
    public ByteString hash() {
        return ByteString.copyFrom(sha256(raw.toByteArray()));
    }

    /** The fingerprint of the key whose {@link #hash()} this is; empty unless it is 32 bytes. */
    public static Optional<String> fingerprintOfHash(ByteString hash) {
        if (hash == null || hash.size() != 32) return Optional.empty();
        return Optional.of(PREFIX + HexFormat.of().formatHex(hash.toByteArray(), 0, 16));
    }

    /** Whether {@code id} has the shape of a fingerprint (not whether such a key is known). */
    public static boolean looksLikeFingerprint(String id) {
        return id != null && id.length() == PREFIX.length() + 32 && id.startsWith(PREFIX)
                && id.substring(PREFIX.length()).chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserKey k && k.raw.equals(raw);
    }

    @Override
    public int hashCode() {
        return Objects.hash(raw);
    }

    @Override
    public String toString() {
        return fingerprint;
    }
}
