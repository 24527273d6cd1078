package dev.hearth.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret value from the configuration (a device key, a broker password). {@link #toString()} never
 * shows it and {@link #reveal()} is the only way to read it: call it where the value is used, never
 * to log.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** Wraps a secret; refuses an empty one. */
    public static Secret of(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) throw new IllegalArgumentException("a secret must not be empty");
        return new Secret(value);
    }

    /** The secret's value. Never log it, never put it in an exception message. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        // A constant: a hash of the value would leak information about it through hash-based collections.
        return 0x5ec7e7;
    }

    @Override
    public String toString() {
        return "Secret[redacted]";
    }
}
