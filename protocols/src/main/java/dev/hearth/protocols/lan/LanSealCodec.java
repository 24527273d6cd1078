package dev.hearth.protocols.lan;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.Objects;

/**
 * Sealing only, between framing and message decoding: passes frames through in plaintext during
 * the handshake, then (once told to) seals every outgoing {@link LanFrame} and opens every incoming
 * one with {@link SealedFrames}. A frame that does not open becomes one {@link
 * LanDecodeResult.Malformed} whose reason starts with {@value #TAMPERED}; every frame after it is
 * discarded (like the frame splitter after a bad prefix), since the handler is closing the
 * connection. Confined to the channel's event loop.
 */
public final class LanSealCodec extends ChannelDuplexHandler {
    /** How the reason of a refused sealed frame starts, for the handlers that count and report it. */
    public static final String TAMPERED = "tampered frame ";

    private enum Inbound { PLAIN, ARMED, SEALED, REFUSING, FAILED }

    private SealedFrames frames;
    private Inbound inbound = Inbound.PLAIN;
    private boolean sealOutbound;
    private long peerAck;

    /** From now on both directions are sealed (the gateway, just before Welcome). */
    public void sealNow(SealedFrames frames) {
        this.frames = Objects.requireNonNull(frames, "frames");
        sealOutbound = true;
        inbound = Inbound.SEALED;
    }

    /**
     * From now on what this end sends is sealed; of what it receives, the first frame may be one
     * plaintext Reject (the gateway refusing this device's proof) and everything else must be sealed
     * (the device, just after sending its proof).
     */
    public void sealAwaitingWelcome(SealedFrames frames) {
        this.frames = Objects.requireNonNull(frames, "frames");
        sealOutbound = true;
        inbound = Inbound.ARMED;
    }

    public boolean sealed() {
        return sealOutbound;
    }

    /** The peer's latest ack: how many of our sealed frames it says it has opened. */
    public long peerAck() {
        return peerAck;
    }

    /** How many frames we have sealed: the counter the next one gets. */
    public long sealedCount() {
        return frames == null ? 0 : frames.sealer().sealed();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (inbound == Inbound.FAILED) {
            io.netty.util.ReferenceCountUtil.release(msg);
            return;
        }
        if (!(msg instanceof LanFrame frame) || inbound == Inbound.PLAIN) {
            ctx.fireChannelRead(msg);
            return;
        }
        byte[] body = frame.bytes();
        if (inbound == Inbound.ARMED && !SealedFrames.looksSealed(body)) {
            inbound = Inbound.REFUSING;
            ctx.fireChannelRead(msg);
            return;
        }
        if (inbound == Inbound.REFUSING) {
            inbound = Inbound.FAILED;
            ctx.fireChannelRead(tampered(SealedFrames.Failure.NOT_SEALED, "nothing may follow a plaintext answer to the proof"));
            return;
        }
        inbound = Inbound.SEALED;
        SealedFrames.OpenResult r = frames.open(body);
        if (r instanceof SealedFrames.OpenResult.Opened opened) {
            peerAck = Math.max(peerAck, opened.ack());
            ctx.fireChannelRead(LanFrame.wrap(opened.plaintext()));
        } else {
            SealedFrames.OpenResult.Refused refused = (SealedFrames.OpenResult.Refused) r;
            inbound = Inbound.FAILED;
            ctx.fireChannelRead(tampered(refused.failure(), refused.reason()));
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (sealOutbound && msg instanceof LanFrame frame) {
            ctx.write(LanFrame.wrap(frames.seal(frame.bytes())), promise);
        } else {
            ctx.write(msg, promise);
        }
    }

    private static LanDecodeResult.Malformed tampered(SealedFrames.Failure failure, String reason) {
        return new LanDecodeResult.Malformed(TAMPERED + "(" + failure + "): " + reason);
    }
}
