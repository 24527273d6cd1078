package dev.hearth.protocols.cloud;

import java.util.Objects;

/** What decoding a cloud payload gave: the value, or the reason it is not acceptable. */
public sealed interface CloudDecodeResult<T> {

    record Decoded<T>(T value) implements CloudDecodeResult<T> {
        public Decoded {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * The payload is not acceptable; {@code code} says why for programs and counters (e.g.
     * {@code "unsupported_schema_version"}), {@code reason} for people, and never echoes the payload.
     */
    record Malformed<T>(String code, String reason) implements CloudDecodeResult<T> {
        public Malformed {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(reason, "reason");
        }

        /** Malformed with the generic code {@code "malformed"}. */
        public Malformed(String reason) {
            this("malformed", reason);
        }
    }
}
