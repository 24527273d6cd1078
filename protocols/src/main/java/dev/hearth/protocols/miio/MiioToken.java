package dev.hearth.protocols.miio;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * A miIO device token: 16 bytes that key the device's AES-128-CBC encryption and its packet
 * checksums. {@link #toString()} never shows it; callers must never log {@link #bytes()}.
 */
public final class MiioToken {
    /** A token is always this many bytes. */
    public static final int LENGTH = 16;

    private final byte[] bytes;
    private final byte[] key;
    private final byte[] iv;

    private MiioToken(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a miIO token is " + LENGTH + " bytes, not " + bytes.length);
        }
        this.bytes = bytes.clone();
        // derived once: every packet to or from the device needs them
        this.key = md5(this.bytes);
        this.iv = md5(concat(key, this.bytes));
    }

    public static MiioToken of(byte[] bytes) {
        return new MiioToken(bytes);
    }

    /** Parses 32 hex digits (case-insensitive); the exception never echoes the input. */
    public static MiioToken fromHex(String hex) {
        if (hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("a miIO token is " + 2 * LENGTH + " hex digits");
        }
        byte[] b = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            int hi = Character.digit(hex.charAt(2 * i), 16);
            int lo = Character.digit(hex.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) throw new IllegalArgumentException("a miIO token must be hex digits only");
            b[i] = (byte) ((hi << 4) | lo);
        }
        return new MiioToken(b);
    }

    /** A copy of the token's bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The token as 32 lower-case hex digits, for writing a secrets file. Never log it. */
    public String toHex() {
        StringBuilder sb = new StringBuilder(2 * LENGTH);
        for (byte b : bytes) sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        return sb.toString();
    }

    byte[] aesKey() {
        return key;
    }

    byte[] aesIv() {
        return iv;
    }

    byte[] raw() {
        return bytes;
    }

    static byte[] md5(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            for (byte[] p : parts) md.update(p);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MiioToken other && MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "MiioToken[redacted]";
    }
}
