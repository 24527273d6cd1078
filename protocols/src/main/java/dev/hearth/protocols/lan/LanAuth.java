package dev.hearth.protocols.lan;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.random.RandomGenerator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The LAN handshake's proof of key possession: {@code HMAC-SHA256(key, nonce || UTF-8 deviceId)}.
 * The gateway sends a fresh {@link #newNonce nonce} in Challenge; the device answers with the proof
 * in its second Hello; the gateway {@link #verify verifies} it in constant time.
 */
public final class LanAuth {

    public static final int NONCE_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private LanAuth() {
    }

    /** The proof for {@code deviceId} answering {@code nonce}. {@code key} must not be empty. */
    public static byte[] proof(byte[] key, byte[] nonce, String deviceId) {
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(deviceId, "deviceId");
        Mac mac = mac(key);
        mac.update(nonce);
        mac.update(deviceId.getBytes(StandardCharsets.UTF_8));
        return mac.doFinal();
    }

    /** Whether {@code proof} is the proof for this key, nonce and device; compares in constant time. */
    public static boolean verify(byte[] key, byte[] nonce, String deviceId, byte[] proof) {
        Objects.requireNonNull(proof, "proof");
        return MessageDigest.isEqual(proof(key, nonce, deviceId), proof);
    }

    /** A fresh {@value #NONCE_BYTES}-byte nonce. Pass a {@link java.security.SecureRandom} in production. */
    public static byte[] newNonce(RandomGenerator random) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return nonce;
    }

    private static Mac mac(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length == 0) {
            throw new IllegalArgumentException("the device key must not be empty");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac;
        } catch (GeneralSecurityException e) {
            // Every Java platform must provide HmacSHA256, and any non-empty key is valid for it.
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
