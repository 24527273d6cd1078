package dev.hearth.protocols.lan;

import java.util.Arrays;

/**
 * The body of one LAN frame, between the framing and the message codec: what {@link
 * LanFrameSplitter} cuts from the stream, what {@link LanSealCodec} opens or seals, what {@link
 * LanMessageCodec} parses or writes. Its own type, so raw {@code ByteBuf} writes (a flush, a test's
 * garbage) never get framed by accident.
 */
public record LanFrame(byte[] body) {
    public LanFrame {
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body without a copy, for the codecs of this package. */
    byte[] bytes() {
        return body;
    }

    /** A frame of {@code bytes} (copied, like every record of ours). */
    static LanFrame wrap(byte[] owned) {
        return new LanFrame(owned);
    }

    int length() {
        return body.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LanFrame f && Arrays.equals(f.body, body);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "LanFrame[" + body.length + " bytes]";
    }
}
