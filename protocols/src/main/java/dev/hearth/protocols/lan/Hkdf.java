package dev.hearth.protocols.lan;

import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF with HMAC-SHA256 (RFC 5869), on the JDK's HMAC: extract once per handshake, expand once
 * per derived value. Tested against the RFC's own vectors.
 */
final class Hkdf {
    static final int HASH_BYTES = 32;
    private static final String HMAC = "HmacSHA256";

    private Hkdf() {
    }

    /** {@code PRK = HMAC-Hash(salt, IKM)}; an empty salt stands for {@value #HASH_BYTES} zero bytes. */
    static byte[] extract(byte[] salt, byte[] ikm) {
        Objects.requireNonNull(ikm, "ikm");
        byte[] s = salt == null || salt.length == 0 ? new byte[HASH_BYTES] : salt;
        return hmac(s).doFinal(ikm);
    }

    /** {@code OKM = T(1) || T(2) || ...}, truncated to {@code length} bytes (at most 255 hash lengths). */
    static byte[] expand(byte[] prk, byte[] info, int length) {
        Objects.requireNonNull(info, "info");
        if (length < 1 || length > 255 * HASH_BYTES) throw new IllegalArgumentException("HKDF length out of range: " + length);
        Mac mac = hmac(prk);
        byte[] okm = new byte[length];
        byte[] t = new byte[0];
        int done = 0;
        for (int i = 1; done < length; i++) {
            mac.update(t);
            mac.update(info);
            mac.update((byte) i);
            t = mac.doFinal();
            int n = Math.min(t.length, length - done);
            System.arraycopy(t, 0, okm, done, n);
            done += n;
        }
        return okm;
    }

    private static Mac hmac(byte[] key) {
        Objects.requireNonNull(key, "key");
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac;
        } catch (GeneralSecurityException e) {
            // every Java platform provides HmacSHA256; a non-empty key is always valid for it
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
