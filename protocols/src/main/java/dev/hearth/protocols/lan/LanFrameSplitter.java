package dev.hearth.protocols.lan;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Framing only: cuts a TCP stream into {@link LanFrame}s by their varint32 length prefix, and
 * nothing else (opening and parsing are the next handlers' jobs). Never throws: a bad or oversized
 * prefix ({@code maxFrameBytes} checked before any body byte is awaited), or a stream that ends
 * inside a frame, emits one {@link LanDecodeResult.Malformed}, after which everything is discarded.
 */
public final class LanFrameSplitter extends ByteToMessageDecoder {

    private enum State { READ_LENGTH, READ_BODY, FAILED }

    private final int maxFrameBytes;
    private State state = State.READ_LENGTH;
    private int bodyLength;

    public LanFrameSplitter(int maxFrameBytes) {
        this.maxFrameBytes = LanFrameRules.requireValidLimit(maxFrameBytes);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (state == State.READ_LENGTH) {
            int start = in.readerIndex();
            LanFrameRules.Prefix prefix = LanFrameRules.readPrefix(i -> in.getByte(start + i), in.readableBytes(), maxFrameBytes);
            if (prefix instanceof LanFrameRules.Prefix.Complete complete) {
                in.skipBytes(complete.prefixBytes());
                bodyLength = complete.bodyLength();
                state = State.READ_BODY;
            } else if (prefix instanceof LanFrameRules.Prefix.Invalid invalid) {
                fail(in, out, new LanDecodeResult.Malformed(invalid.reason()));
                return;
            } else {
                return;
            }
        }
        if (state == State.READ_BODY) {
            if (in.readableBytes() < bodyLength) return;
            byte[] body = ByteBufUtil.getBytes(in, in.readerIndex(), bodyLength);
            in.skipBytes(bodyLength);
            state = State.READ_LENGTH;
            out.add(LanFrame.wrap(body));
        } else {
            in.skipBytes(in.readableBytes());
        }
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        super.decodeLast(ctx, in, out);
        if (state == State.READ_BODY) {
            fail(in, out, LanFrameRules.malformed("the stream ended after " + in.readableBytes() + " of its " + bodyLength + " body bytes"));
        } else if (state == State.READ_LENGTH && in.isReadable()) {
            fail(in, out, LanFrameRules.malformed("the stream ended inside its length prefix"));
        }
    }

    private void fail(ByteBuf in, List<Object> out, LanDecodeResult.Malformed malformed) {
        out.add(malformed);
        state = State.FAILED;
        in.skipBytes(in.readableBytes());
    }
}
