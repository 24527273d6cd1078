package dev.hearth.driver.api;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A device's secret: the HMAC key of a native device, the 16-byte token of a miIO device.
 * {@link #toString()} never shows it; drivers must never log {@link #bytes()}.
 */
public final class DeviceSecret {
    private final byte[] bytes;

    public DeviceSecret(byte[] bytes) {
        if (bytes.length == 0) throw new IllegalArgumentException("empty secret");
        this.bytes = bytes.clone();
    }

    /** Parses hexadecimal (case-insensitive); throws IllegalArgumentException without echoing the input. */
    public static DeviceSecret fromHex(String hex) {
        if (hex.length() % 2 != 0 || hex.isEmpty()) throw new IllegalArgumentException("a secret must be an even number of hex digits");
        byte[] b = new byte[hex.length() / 2];
        for (int i = 0; i < b.length; i++) {
            int hi = hexDigit(hex.charAt(2 * i));
            int lo = hexDigit(hex.charAt(2 * i + 1));
            if (hi < 0 || lo < 0) throw new IllegalArgumentException("a secret must be hex digits only");
            b[i] = (byte) ((hi << 4) | lo);
        }
        return new DeviceSecret(b);
    }

    // Character.digit alone also accepts non-ASCII digits (Arabic-Indic, fullwidth): not hex in a secrets file.
    private static int hexDigit(char c) {
        return c < 128 ? Character.digit(c, 16) : -1;
    }

    /** A copy of the secret's bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceSecret other && MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "DeviceSecret[redacted]";
    }
}
