package dev.hearth.protocols.lan;

import io.netty.channel.ChannelPipeline;

/**
 * Installs the LAN codec stack on a channel, one job per handler: framing ({@link
 * LanFrameSplitter}, {@link LanFramePrefixer}), sealing ({@link LanSealCodec}), message decoding
 * ({@link LanMessageCodec}). The handler added after it receives {@link LanDecodeResult}s and writes
 * LanMessages. Returns the seal codec, which the handshake switches on.
 */
public final class LanPipeline {
    private LanPipeline() {
    }

    public static LanSealCodec install(ChannelPipeline pipeline, int maxFrameBytes) {
        LanSealCodec seal = new LanSealCodec();
        pipeline.addLast("lan-frames", new LanFrameSplitter(maxFrameBytes));
        pipeline.addLast("lan-prefix", new LanFramePrefixer());
        pipeline.addLast("lan-seal", seal);
        pipeline.addLast("lan-messages", new LanMessageCodec());
        return seal;
    }
}
