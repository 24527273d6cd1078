package dev.hearth.protocols.lan;

import com.google.protobuf.CodedOutputStream;
import dev.hearth.protocols.lan.v1.LanMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * LAN frames without Netty, for simulators, tools and fuzzing. Same rules as {@link
 * LanFrameDecoder} (one implementation, {@link LanFrameRules}); bodies are written with
 * deterministic serialization, so a message always encodes to the same bytes.
 */
public final class LanFrames {

    /** A frame limit suited to this protocol's messages: reports and commands are small. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 64 * 1024;

    private LanFrames() {
    }

    /** The frame for {@code message}: varint32 length prefix, then the serialized message. */
    public static byte[] encode(LanMessage message) {
        byte[] frame = new byte[frameSize(message)];
        CodedOutputStream coded = CodedOutputStream.newInstance(frame);
        try {
            writeFrame(message, coded);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: the array was sized for the frame", e);
        }
        coded.checkNoSpaceLeft();
        return frame;
    }

    /**
     * Decodes exactly one complete frame. Besides the stream rules, an input that ends before the
     * frame does, or has bytes after it, is Malformed. Never throws on bad input.
     */
    public static LanDecodeResult decode(byte[] frame, int maxFrameBytes) {
        Objects.requireNonNull(frame, "frame");
        LanFrameRules.requireValidLimit(maxFrameBytes);
        LanFrameRules.Prefix prefix = LanFrameRules.readPrefix(i -> frame[i], frame.length, maxFrameBytes);
        if (prefix instanceof LanFrameRules.Prefix.Invalid invalid) {
            return new LanDecodeResult.Malformed(invalid.reason());
        }
        if (!(prefix instanceof LanFrameRules.Prefix.Complete complete)) {
            return LanFrameRules.malformed(frame.length == 0 ? "the input is empty" : "the input ends inside its length prefix");
        }
        int bodyBytes = frame.length - complete.prefixBytes();
        if (bodyBytes < complete.bodyLength()) {
            return LanFrameRules.malformed("the input ends after " + bodyBytes + " of its " + complete.bodyLength() + " body bytes");
        }
        if (bodyBytes > complete.bodyLength()) {
            return LanFrameRules.malformed((bodyBytes - complete.bodyLength()) + " bytes follow the frame");
        }
        return LanFrameRules.parseBody(ByteBuffer.wrap(frame, complete.prefixBytes(), complete.bodyLength()));
    }

    /** {@link #decode(byte[], int)} with {@link #DEFAULT_MAX_FRAME_BYTES}. */
    public static LanDecodeResult decode(byte[] frame) {
        return decode(frame, DEFAULT_MAX_FRAME_BYTES);
    }

    /** The serialized message alone (deterministic), without the length prefix: a frame body. */
    static byte[] body(LanMessage message) {
        byte[] body = new byte[message.getSerializedSize()];
        CodedOutputStream coded = CodedOutputStream.newInstance(body);
        coded.useDeterministicSerialization();
        try {
            message.writeTo(coded);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: the array was sized for the message", e);
        }
        coded.checkNoSpaceLeft();
        return body;
    }

    static int frameSize(LanMessage message) {
        int body = message.getSerializedSize();
        return CodedOutputStream.computeUInt32SizeNoTag(body) + body;
    }

    static void writeFrame(LanMessage message, CodedOutputStream out) throws IOException {
        // Deterministic: map entries (event args, structs) are written sorted, so the bytes are stable.
        out.useDeterministicSerialization();
        out.writeUInt32NoTag(message.getSerializedSize());
        message.writeTo(out);
    }
}
