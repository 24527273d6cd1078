package dev.hearth.core.privacy;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The home's secret pseudonymisation key (kept in the secrets file, DESIGN.md section 8).
 * {@link #toString()} never shows it.
 */
public final class HomeKey {

    /** 256 bits, the HMAC-SHA256 block-size-friendly length. */
    public static final int LENGTH = 32;

    private final byte[] key;

    private HomeKey(byte[] key) {
        this.key = key;
    }

    /** A key from stored bytes; at least 16 bytes. */
    public static HomeKey of(byte[] key) {
        if (key.length < 16) throw new IllegalArgumentException("a home key needs at least 16 bytes, got " + key.length);
        return new HomeKey(key.clone());
    }

    /** A new random key, for a new home. */
    public static HomeKey generate(SecureRandom random) {
        byte[] k = new byte[LENGTH];
        random.nextBytes(k);
        return new HomeKey(k);
    }

    /** A copy of the key bytes, for the secrets file only. */
    public byte[] exportBytes() {
        return key.clone();
    }

    byte[] bytes() {
        return key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HomeKey other && java.security.MessageDigest.isEqual(key, other.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "HomeKey[redacted]";
    }
}
