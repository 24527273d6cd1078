package dev.hearth.protocols.lan;

import com.google.protobuf.CodedOutputStream;
import dev.hearth.protocols.lan.v1.LanMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.io.IOException;

/** Writes a {@link LanMessage} as one LAN frame: varint32 length prefix, then the body. */
public final class LanFrameEncoder extends MessageToByteEncoder<LanMessage> {

    public LanFrameEncoder() {
        super(LanMessage.class);
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, LanMessage msg, boolean preferDirect) {
        int size = LanFrames.frameSize(msg);
        return preferDirect ? ctx.alloc().ioBuffer(size) : ctx.alloc().heapBuffer(size);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, LanMessage msg, ByteBuf out) throws IOException {
        int size = LanFrames.frameSize(msg);
        CodedOutputStream coded = CodedOutputStream.newInstance(new ByteBufOutputStream(out), Math.min(size, 4096));
        LanFrames.writeFrame(msg, coded);
        coded.flush();
    }
}
