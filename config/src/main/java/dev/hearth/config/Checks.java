package dev.hearth.config;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/** Invariants shared by the config records' compact constructors (the loader reports the same rules as problems). */
final class Checks {
    /** Ids end up in MQTT topic levels and URLs: no '/', '+', '#', spaces. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private Checks() {
    }

    static String id(String value, String what) {
        Objects.requireNonNull(value, what);
        if (!ID.matcher(value).matches()) throw new IllegalArgumentException(what + " is not a valid id");
        return value;
    }

    static String notBlank(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) throw new IllegalArgumentException(what + " must not be blank");
        return value;
    }

    static Duration positive(Duration value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isZero() || value.isNegative()) throw new IllegalArgumentException(what + " must be positive");
        return value;
    }

    static int atLeast(int value, int min, String what) {
        if (value < min) throw new IllegalArgumentException(what + " must be at least " + min);
        return value;
    }
}
