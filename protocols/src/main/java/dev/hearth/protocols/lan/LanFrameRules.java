package dev.hearth.protocols.lan;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.hearth.protocols.lan.v1.LanMessage;
import java.nio.ByteBuffer;

/**
 * The one implementation of the LAN frame rules, shared by the Netty {@link LanFrameDecoder} and
 * the channel-free {@link LanFrames}: a varint32 length prefix (at most 5 bytes, minimally
 * encoded, non-negative, not above the limit), then a body that is a {@link LanMessage} with its
 * body set.
 */
final class LanFrameRules {

    static final int MAX_PREFIX_BYTES = 5;

    private LanFrameRules() {
    }

    /** Reads the byte at an index relative to the start of the frame. */
    @FunctionalInterface
    interface ByteSource {
        byte at(int index);
    }

    /** The outcome of reading a length prefix. */
    sealed interface Prefix {
        /** Not enough bytes yet to know the length. */
        record Incomplete() implements Prefix {
        }

        record Complete(int bodyLength, int prefixBytes) implements Prefix {
        }

        record Invalid(String reason) implements Prefix {
        }
    }

    private static final Prefix INCOMPLETE = new Prefix.Incomplete();

    static int requireValidLimit(int maxFrameBytes) {
        if (maxFrameBytes < 1) {
            throw new IllegalArgumentException("maxFrameBytes must be positive: " + maxFrameBytes);
        }
        return maxFrameBytes;
    }

    /**
     * Reads the length prefix from the first {@code available} bytes of {@code source}. The limit is
     * checked here, before any body byte is awaited or buffered.
     */
    static Prefix readPrefix(ByteSource source, int available, int maxFrameBytes) {
        long length = 0;
        for (int i = 0; i < MAX_PREFIX_BYTES; i++) {
            if (i >= available) {
                return INCOMPLETE;
            }
            int b = source.at(i) & 0xFF;
            length |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                // A canonical encoder never ends a multi-byte varint with a zero group; one encoding per length.
                if (b == 0 && i > 0) {
                    return invalid("its length prefix is not minimally encoded");
                }
                if (length > 0xFFFF_FFFFL) {
                    return invalid("its length prefix does not fit in 32 bits");
                }
                if (length > Integer.MAX_VALUE) {
                    return invalid("its length prefix is negative as a 32-bit length");
                }
                if (length > maxFrameBytes) {
                    return invalid("its length " + length + " exceeds the limit of " + maxFrameBytes + " bytes");
                }
                return new Prefix.Complete((int) length, i + 1);
            }
        }
        return invalid("its length prefix is longer than " + MAX_PREFIX_BYTES + " bytes");
    }

    /** Parses a complete body (exactly the frame's body bytes, from position to limit). */
    static LanDecodeResult parseBody(ByteBuffer body) {
        LanMessage message;
        try {
            message = LanMessage.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            // protobuf's messages describe the defect (truncated, bad tag, bad UTF-8), never the bytes.
            return malformed("its body is not a valid LanMessage: " + e.getMessage());
        }
        if (message.getBodyCase() == LanMessage.BodyCase.BODY_NOT_SET) {
            return malformed("its LanMessage has no body (or only one this version does not know)");
        }
        return new LanDecodeResult.Decoded(message);
    }

    static LanDecodeResult.Malformed malformed(String because) {
        return new LanDecodeResult.Malformed("malformed frame because " + because);
    }

    private static Prefix invalid(String because) {
        return new Prefix.Invalid("malformed frame because " + because);
    }
}
