package dev.hearth.protocols.lan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.protocols.lan.v1.Heartbeat;
import dev.hearth.protocols.lan.v1.LanMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LanFrameDecoderTest {

    private static final int MAX = LanFrames.DEFAULT_MAX_FRAME_BYTES;

    private final LanFrameDecoder decoder = new LanFrameDecoder(MAX);
    private final EmbeddedChannel channel = new EmbeddedChannel(decoder);

    @Test
    void roundTripsEveryMessageKindThroughEncoderAndDecoder() {
        EmbeddedChannel encoding = new EmbeddedChannel(new LanFrameEncoder());
        for (LanMessage message : LanSamples.all().values()) {
            encoding.writeOutbound(message);
            channel.writeInbound((ByteBuf) encoding.readOutbound());
        }

        assertThat(results()).containsExactlyElementsOf(decodedSamples());
    }

    @Test
    void decodesFramesFedOneByteAtATime() {
        byte[] stream = allSamplesBackToBack();
        for (byte b : stream) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }

        assertThat(results()).containsExactlyElementsOf(decodedSamples());
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void decodesFramesFedInRandomChunks() {
        byte[] stream = allSamplesBackToBack();
        for (long seed = 1; seed <= 50; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            EmbeddedChannel chunked = new EmbeddedChannel(new LanFrameDecoder(MAX));
            for (int at = 0; at < stream.length; ) {
                int n = Math.min(stream.length - at, 1 + random.nextInt(40));
                chunked.writeInbound(Unpooled.copiedBuffer(stream, at, n));
                at += n;
            }
            List<Object> out = new ArrayList<>();
            for (Object o = chunked.readInbound(); o != null; o = chunked.readInbound()) {
                out.add(o);
            }

            assertThat(out).as("seed %d", seed).containsExactlyElementsOf(decodedSamples());
        }
    }

    @Test
    void rejectsAHugeLengthPrefixBeforeAnyBodyArrives() {
        // 0x7fffffff (2 GiB - 1) as a varint, then three body bytes.
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07, 1, 2, 3}));

        assertThat(results()).singleElement().isInstanceOfSatisfying(LanDecodeResult.Malformed.class,
                m -> assertThat(m.reason()).contains("exceeds the limit of " + MAX));
        assertThat(decoder.bufferedBytes()).isZero();
        assertThat(decoder.state()).isEqualTo(LanFrameDecoder.State.FAILED);
    }

    @Test
    void rejectsALengthJustAboveTheLimitAndAcceptsOneAtIt() {
        EmbeddedChannel tiny = new EmbeddedChannel(new LanFrameDecoder(2));
        tiny.writeInbound(Unpooled.wrappedBuffer(new byte[] {3}));
        EmbeddedChannel atLimit = new EmbeddedChannel(new LanFrameDecoder(2));
        atLimit.writeInbound(Unpooled.wrappedBuffer(new byte[] {2, 0x4a, 0x00})); // heartbeat {}

        assertThat(tiny.<Object>readInbound()).isInstanceOf(LanDecodeResult.Malformed.class);
        assertThat((Object) atLimit.readInbound()).isEqualTo(new LanDecodeResult.Decoded(
                LanMessage.newBuilder().setHeartbeat(Heartbeat.getDefaultInstance()).build()));
    }

    @Test
    void buffersNoMoreThanOneFrameWhileWaitingForABody() {
        EmbeddedChannel bounded = new EmbeddedChannel(new LanFrameDecoder(100));
        LanFrameDecoder waiting = (LanFrameDecoder) bounded.pipeline().first();
        bounded.writeInbound(Unpooled.wrappedBuffer(new byte[] {100}));
        bounded.writeInbound(Unpooled.wrappedBuffer(new byte[99]));

        assertThat(waiting.state()).isEqualTo(LanFrameDecoder.State.READ_BODY);
        assertThat(waiting.bufferedBytes()).isEqualTo(99);
        assertThat(bounded.<Object>readInbound()).isNull();
    }

    @Test
    void rejectsAVarintLongerThanFiveBytes() {
        assertMalformed(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01}, "longer than 5 bytes");
    }

    @Test
    void rejectsANegativeLength() {
        assertMalformed(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08}, "negative");
    }

    @Test
    void rejectsALengthThatOverflows32Bits() {
        assertMalformed(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x7f}, "32 bits");
    }

    @Test
    void rejectsANonMinimalLengthPrefix() {
        assertMalformed(new byte[] {(byte) 0x82, 0x00, 0x4a, 0x00}, "not minimally encoded");
    }

    @Test
    void rejectsAnEmptyFrameBecauseItHasNoBody() {
        assertMalformed(new byte[] {0}, "has no body");
    }

    @Test
    void rejectsAMessageWithOnlyAnUnknownBodyKind() {
        // field 99, varint 1: a body kind this version does not know.
        assertMalformed(new byte[] {3, (byte) 0x98, 0x06, 0x01}, "has no body");
    }

    @Test
    void rejectsABodyThatIsNotProtobuf() {
        assertMalformed(new byte[] {3, (byte) 0xff, (byte) 0xff, (byte) 0xff}, "not a valid LanMessage");
    }

    @Test
    void rejectsInvalidUtf8InAStringField() {
        // welcome { gateway_id = 0xff }
        assertMalformed(new byte[] {5, 0x1a, 0x03, 0x0a, 0x01, (byte) 0xff}, "not a valid LanMessage");
    }

    @Test
    void discardsEverythingAfterAMalformedFrame() {
        byte[] good = LanFrames.encode(LanSamples.all().get("heartbeat"));
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0}));
        channel.writeInbound(Unpooled.wrappedBuffer(good));
        channel.writeInbound(Unpooled.wrappedBuffer(good));

        assertThat(results()).singleElement().isInstanceOf(LanDecodeResult.Malformed.class);
        assertThat(decoder.bufferedBytes()).isZero();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void reportsAStreamThatEndsInsideABody() {
        byte[] good = LanFrames.encode(LanSamples.all().get("welcome"));
        channel.writeInbound(Unpooled.wrappedBuffer(good, 0, good.length - 1));
        channel.finish();

        assertThat(results()).singleElement().isInstanceOfSatisfying(LanDecodeResult.Malformed.class,
                m -> assertThat(m.reason()).contains("stream ended after " + (good.length - 2) + " of its " + (good.length - 1)));
    }

    @Test
    void reportsAStreamThatEndsInsideALengthPrefix() {
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0x80}));
        channel.finish();

        assertThat(results()).singleElement().isInstanceOfSatisfying(LanDecodeResult.Malformed.class,
                m -> assertThat(m.reason()).contains("inside its length prefix"));
    }

    @Test
    void aStreamThatEndsBetweenFramesIsClean() {
        channel.writeInbound(Unpooled.wrappedBuffer(LanFrames.encode(LanSamples.all().get("goodbye"))));
        channel.finish();

        assertThat(results()).containsExactly(new LanDecodeResult.Decoded(LanSamples.all().get("goodbye")));
    }

    @Test
    void refusesANonPositiveLimit() {
        assertThatThrownBy(() -> new LanFrameDecoder(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private void assertMalformed(byte[] input, String reason) {
        EmbeddedChannel fresh = new EmbeddedChannel(new LanFrameDecoder(MAX));
        fresh.writeInbound(Unpooled.wrappedBuffer(input));
        fresh.finish();

        assertThat(fresh.<Object>readInbound()).isInstanceOfSatisfying(LanDecodeResult.Malformed.class,
                m -> assertThat(m.reason()).startsWith("malformed frame because").contains(reason));
        assertThat(fresh.<Object>readInbound()).isNull();
        assertThat(LanFrames.decode(input)).isInstanceOfSatisfying(LanDecodeResult.Malformed.class,
                m -> assertThat(m.reason()).contains(reason));
    }

    private List<Object> results() {
        List<Object> out = new ArrayList<>();
        for (Object o = channel.readInbound(); o != null; o = channel.readInbound()) {
            out.add(o);
        }
        return out;
    }

    static List<Object> decodedSamples() {
        return LanSamples.all().values().stream().<Object>map(LanDecodeResult.Decoded::new).toList();
    }

    static byte[] allSamplesBackToBack() {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        LanSamples.all().values().forEach(m -> stream.writeBytes(LanFrames.encode(m)));
        return stream.toByteArray();
    }
}
