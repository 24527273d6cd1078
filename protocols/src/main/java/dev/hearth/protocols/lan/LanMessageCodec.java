package dev.hearth.protocols.lan;

import dev.hearth.protocols.lan.v1.LanMessage;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageCodec;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Message decoding only: a {@link LanFrame}'s body to a {@link LanDecodeResult} (a LanMessage with
 * its body set, or Malformed), and a LanMessage to a frame (deterministic serialization). A
 * Malformed from an earlier handler passes through unchanged.
 */
public final class LanMessageCodec extends MessageToMessageCodec<Object, LanMessage> {

    public LanMessageCodec() {
        super(Object.class, LanMessage.class);
    }

    @Override
    public boolean acceptInboundMessage(Object msg) {
        return msg instanceof LanFrame;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, LanMessage msg, List<Object> out) {
        out.add(LanFrame.wrap(LanFrames.body(msg)));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, Object msg, List<Object> out) {
        out.add(LanFrameRules.parseBody(ByteBuffer.wrap(((LanFrame) msg).bytes())));
    }
}
