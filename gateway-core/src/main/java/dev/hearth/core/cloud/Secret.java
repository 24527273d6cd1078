package dev.hearth.core.cloud;

import java.security.MessageDigest;
import java.util.Arrays;

/** A password or passphrase (the broker password). {@link #toString()} never shows it. */
public final class Secret {
    private final char[] chars;

    public Secret(String value) {
        if (value.isEmpty()) throw new IllegalArgumentException("an empty secret");
        this.chars = value.toCharArray();
    }

    /** A copy: callers clear it when done. */
    public char[] chars() {
        return chars.clone();
    }

    /** UTF-8 bytes, as MQTT's password field wants them. */
    public byte[] utf8() {
        return new String(chars).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && MessageDigest.isEqual(utf8(), s.utf8());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(chars);
    }

    @Override
    public String toString() {
        return "Secret[redacted]";
    }
}
