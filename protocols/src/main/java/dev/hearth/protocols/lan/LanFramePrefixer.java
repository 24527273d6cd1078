package dev.hearth.protocols.lan;

import com.google.protobuf.CodedOutputStream;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Framing only, outbound: writes a {@link LanFrame} as its varint32 length prefix, then its body. */
public final class LanFramePrefixer extends MessageToByteEncoder<LanFrame> {

    public LanFramePrefixer() {
        super(LanFrame.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, LanFrame frame, ByteBuf out) {
        int length = frame.length();
        out.ensureWritable(CodedOutputStream.computeUInt32SizeNoTag(length) + length);
        int v = length;
        while ((v & ~0x7F) != 0) {
            out.writeByte((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.writeByte(v);
        out.writeBytes(frame.bytes());
    }
}
