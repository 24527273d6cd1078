package dev.hearth.protocols.cloud;

import java.util.Objects;

/** What decoding a cloud payload gave: the value, or the reason it is not acceptable. */
public sealed interface CloudDecodeResult<T> {

    record Decoded<T>(T value) implements CloudDecodeResult<T> {
        public Decoded {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The payload is not acceptable; {@code reason} says why and never echoes the payload. */
    record Malformed<T>(String reason) implements CloudDecodeResult<T> {
        public Malformed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
