package dev.hearth.protocols.lan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.hearth.protocols.Mutator;
import dev.hearth.protocols.lan.v1.LanMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * 10,000 mutations of a genuine sealed stream (sealed by the device's end, opened by the gateway's),
 * fed in random chunks: only the frames before the first change open, then exactly one Malformed;
 * never an exception, never a changed message that opens.
 */
class LanSealedStreamFuzzTest {
    private static final int CASES = 10_000;

    @Test
    void aMutatedSealedStreamOpensOnlyItsUntouchedPrefixNeverAnException() {
        long seed = Mutator.seed(0x5ea1_ed00L);
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> run(seed));
    }

    private static void run(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Mutator mutator = new Mutator(random);
        List<LanMessage> messages = new ArrayList<>(LanSamples.all().values());
        byte[] stream = sealedStream(messages);
        List<byte[]> valid = List.of(stream);
        for (int i = 0; i < CASES; i++) {
            byte[] input = mutator.mutate(stream, valid);
            try {
                List<Object> results = feed(input, random);
                int opened = 0;
                while (opened < results.size() && results.get(opened) instanceof LanDecodeResult.Decoded d) {
                    assertThat(d.message()).as("an opened frame is the genuine one").isEqualTo(messages.get(opened));
                    opened++;
                }
                assertThat(results.size() - opened).as("at most one Malformed, last").isLessThanOrEqualTo(1);
            } catch (Throwable t) {
                throw new AssertionError(Mutator.describe(seed, i, input), t);
            }
        }
    }

    private static byte[] sealedStream(List<LanMessage> messages) {
        EmbeddedChannel device = new EmbeddedChannel();
        LanPipeline.install(device.pipeline(), LanFrames.DEFAULT_MAX_FRAME_BYTES)
                .sealNow(LanSamples.V2_TRANSCRIPT.sessionKeys(LanSamples.V2_KEY).deviceEnd());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (LanMessage m : messages) {
            device.writeOutbound(m);
            ByteBuf b = device.readOutbound();
            out.writeBytes(ByteBufUtil.getBytes(b));
            b.release();
        }
        return out.toByteArray();
    }

    private static List<Object> feed(byte[] input, SplittableRandom random) {
        EmbeddedChannel gateway = new EmbeddedChannel();
        LanPipeline.install(gateway.pipeline(), LanFrames.DEFAULT_MAX_FRAME_BYTES)
                .sealNow(LanSamples.V2_TRANSCRIPT.sessionKeys(LanSamples.V2_KEY).gatewayEnd());
        for (int at = 0; at < input.length; ) {
            int n = Math.min(input.length - at, 1 + random.nextInt(64));
            gateway.writeInbound(Unpooled.wrappedBuffer(input, at, n));
            at += n;
        }
        gateway.finish();
        List<Object> results = new ArrayList<>();
        for (Object o; (o = gateway.readInbound()) != null; ) results.add(o);
        return results;
    }
}
