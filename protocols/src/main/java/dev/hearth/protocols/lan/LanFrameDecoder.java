package dev.hearth.protocols.lan;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits a TCP byte stream into LAN frames and emits one {@link LanDecodeResult} per frame.
 *
 * <p>Never throws: a bad length prefix, a length above {@code maxFrameBytes} (rejected as soon as
 * the prefix is read, before the body is awaited), a body that is not a {@link
 * dev.hearth.protocols.lan.v1.LanMessage} with its body set, or a stream that ends inside a frame
 * each emit one {@link LanDecodeResult.Malformed}; the decoder then discards everything after it,
 * and the handler downstream is expected to close the connection. At most
 * {@code maxFrameBytes + 5} bytes are ever buffered.
 */
public final class LanFrameDecoder extends ByteToMessageDecoder {

    enum State { READ_LENGTH, READ_BODY, FAILED }

    private final int maxFrameBytes;
    private State state = State.READ_LENGTH;
    private int bodyLength;

    public LanFrameDecoder(int maxFrameBytes) {
        this.maxFrameBytes = LanFrameRules.requireValidLimit(maxFrameBytes);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        switch (state) {
            case READ_LENGTH -> readLength(in, out);
            case READ_BODY -> readBody(in, out);
            case FAILED -> in.skipBytes(in.readableBytes());
        }
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        super.decodeLast(ctx, in, out);
        if (state == State.READ_BODY) {
            fail(in, out, LanFrameRules.malformed("the stream ended after " + in.readableBytes() + " of its "
                    + bodyLength + " body bytes"));
        } else if (state == State.READ_LENGTH && in.isReadable()) {
            fail(in, out, LanFrameRules.malformed("the stream ended inside its length prefix"));
        }
    }

    private void readLength(ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        LanFrameRules.Prefix prefix = LanFrameRules.readPrefix(i -> in.getByte(start + i), in.readableBytes(), maxFrameBytes);
        if (prefix instanceof LanFrameRules.Prefix.Complete complete) {
            in.skipBytes(complete.prefixBytes());
            bodyLength = complete.bodyLength();
            state = State.READ_BODY;
            // A zero-length body needs no further byte: decide now rather than on the next read.
            readBody(in, out);
        } else if (prefix instanceof LanFrameRules.Prefix.Invalid invalid) {
            fail(in, out, new LanDecodeResult.Malformed(invalid.reason()));
        }
    }

    private void readBody(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < bodyLength) {
            return;
        }
        LanDecodeResult result = LanFrameRules.parseBody(in.nioBuffer(in.readerIndex(), bodyLength));
        in.skipBytes(bodyLength);
        if (result instanceof LanDecodeResult.Malformed malformed) {
            fail(in, out, malformed);
        } else {
            out.add(result);
            state = State.READ_LENGTH;
        }
    }

    private void fail(ByteBuf in, List<Object> out, LanDecodeResult.Malformed malformed) {
        out.add(malformed);
        state = State.FAILED;
        in.skipBytes(in.readableBytes());
    }

    /** Bytes held in the decoder's buffer, for tests of the buffering bound. */
    int bufferedBytes() {
        return actualReadableBytes();
    }

    State state() {
        return state;
    }
}
