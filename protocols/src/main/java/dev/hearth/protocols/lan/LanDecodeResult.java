package dev.hearth.protocols.lan;

import dev.hearth.protocols.lan.v1.LanMessage;
import java.util.Objects;

/**
 * What decoding one LAN frame gave: a message, or the reason the input is not a valid frame.
 * Decoders return this instead of throwing, so bad input from a device never breaks a pipeline.
 */
public sealed interface LanDecodeResult {

    /** A valid frame holding a {@link LanMessage} with its body set. */
    record Decoded(LanMessage message) implements LanDecodeResult {
        public Decoded {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * The input is not a valid frame. {@code reason} is for logs and counters: it says why and never
     * echoes the input's bytes. After a Malformed result, a stream decoder discards the rest of the stream.
     */
    record Malformed(String reason) implements LanDecodeResult {
        public Malformed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
