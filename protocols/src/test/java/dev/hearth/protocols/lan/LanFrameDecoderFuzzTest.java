package dev.hearth.protocols.lan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.hearth.protocols.Mutator;
import dev.hearth.protocols.lan.v1.LanMessage;
import dev.hearth.protocols.lan.v1.PropertyReport;
import dev.hearth.protocols.lan.v1.PropertyValue;
import dev.hearth.protocols.lan.v1.Value;
import dev.hearth.protocols.lan.v1.ValueList;
import dev.hearth.protocols.lan.v1.ValueStruct;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * 100,000 random and mutated inputs, each through a fresh channel in random chunks: every one must
 * end in decoded messages and at most one final Malformed, never an exception or a hang, and must
 * agree with {@link LanFrames#decode} on whether it is exactly one valid frame.
 */
class LanFrameDecoderFuzzTest {

    private static final int CASES = 100_000;

    @Test
    void everyRandomOrMutatedInputEndsInResultsNeverAnException() {
        long seed = Mutator.seed(0x5eed_1a4eL);
        long started = System.nanoTime();
        int[] counts = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> run(seed));
        System.out.printf("LAN decoder: %d inputs in %d ms (seed %d): %d exactly-one-frame, %d with a Malformed%n",
                CASES, (System.nanoTime() - started) / 1_000_000, seed, counts[0], counts[1]);

        assertThat(counts[0]).as("valid single frames among the inputs").isGreaterThan(CASES / 20);
        assertThat(counts[1]).as("malformed inputs").isGreaterThan(CASES / 2);
    }

    private static int[] run(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Mutator mutator = new Mutator(random);
        List<byte[]> valid = new ArrayList<>();
        LanSamples.all().values().forEach(m -> valid.add(LanFrames.encode(m)));
        int exactlyOne = 0;
        int malformed = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] base = random.nextInt(4) == 0 ? LanFrames.encode(randomReport(random, 0)) : valid.get(random.nextInt(valid.size()));
            byte[] input = mutator.mutate(base, valid);
            int max = random.nextInt(8) == 0 ? 1 + random.nextInt(64) : LanFrames.DEFAULT_MAX_FRAME_BYTES;
            try {
                List<LanDecodeResult> results = feed(input, max, random);
                LanDecodeResult alone = LanFrames.decode(input, max);

                assertThat(input.length == 0 || !results.isEmpty()).as("a non-empty input gives a result").isTrue();
                for (int r = 0; r < results.size() - 1; r++) {
                    assertThat(results.get(r)).as("only the last result may be Malformed").isInstanceOf(LanDecodeResult.Decoded.class);
                }
                if (results.size() == 1 && results.get(0) instanceof LanDecodeResult.Decoded) {
                    assertThat(alone).as("the stream and the one-frame decoder agree").isEqualTo(results.get(0));
                    exactlyOne++;
                } else {
                    assertThat(alone).as("the stream and the one-frame decoder agree").isInstanceOf(LanDecodeResult.Malformed.class);
                }
                if (!results.isEmpty() && results.get(results.size() - 1) instanceof LanDecodeResult.Malformed) {
                    malformed++;
                }
            } catch (Throwable t) {
                throw new AssertionError(Mutator.describe(seed, i, input), t);
            }
        }
        return new int[] {exactlyOne, malformed};
    }

    private static List<LanDecodeResult> feed(byte[] input, int max, SplittableRandom random) {
        EmbeddedChannel channel = new EmbeddedChannel(new LanFrameDecoder(max));
        for (int at = 0; at < input.length; ) {
            int n = Math.min(input.length - at, 1 + random.nextInt(24));
            channel.writeInbound(Unpooled.copiedBuffer(input, at, n));
            at += n;
        }
        channel.finish();
        List<LanDecodeResult> results = new ArrayList<>();
        for (Object o = channel.readInbound(); o != null; o = channel.readInbound()) {
            results.add((LanDecodeResult) o);
        }
        return results;
    }

    private static LanMessage randomReport(SplittableRandom random, int depth) {
        PropertyReport.Builder report = PropertyReport.newBuilder().setSeq(random.nextLong(1L << 40))
                .setDeviceTimeMs(random.nextLong());
        for (int i = random.nextInt(4); i >= 0; i--) {
            report.addValues(PropertyValue.newBuilder().setSiid(1 + random.nextInt(9)).setPiid(1 + random.nextInt(20))
                    .setValue(randomValue(random, depth)));
        }
        return LanMessage.newBuilder().setPropertyReport(report).build();
    }

    private static Value randomValue(SplittableRandom random, int depth) {
        return switch (random.nextInt(depth > 2 ? 4 : 6)) {
            case 0 -> Value.newBuilder().setBoolValue(random.nextBoolean()).build();
            case 1 -> Value.newBuilder().setIntValue(random.nextLong()).build();
            case 2 -> Value.newBuilder().setDoubleValue(random.nextDouble()).build();
            case 3 -> Value.newBuilder().setStringValue("s" + random.nextInt(1000)).build();
            case 4 -> Value.newBuilder().setListValue(ValueList.newBuilder()
                    .addItems(randomValue(random, depth + 1)).addItems(randomValue(random, depth + 1))).build();
            default -> Value.newBuilder().setStructValue(ValueStruct.newBuilder()
                    .putFields("k" + random.nextInt(5), randomValue(random, depth + 1))).build();
        };
    }
}
