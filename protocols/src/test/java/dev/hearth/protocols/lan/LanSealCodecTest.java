package dev.hearth.protocols.lan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.protocols.lan.v1.Heartbeat;
import dev.hearth.protocols.lan.v1.LanMessage;
import dev.hearth.protocols.lan.v1.Reject;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole codec stack on two ends, bytes moved by hand: no sockets. */
class LanSealCodecTest {
    private static final int MAX = 1024;

    private final End gateway = new End();
    private final End device = new End();

    private static final class End {
        final EmbeddedChannel channel = new EmbeddedChannel();
        final LanSealCodec seal = LanPipeline.install(channel.pipeline(), MAX);

        /** Writes {@code m} and returns the framed bytes that would go on the wire. */
        byte[] send(LanMessage m) {
            channel.writeOutbound(m);
            ByteBuf out = channel.readOutbound();
            byte[] bytes = ByteBufUtil.getBytes(out);
            out.release();
            return bytes;
        }

        List<Object> receive(byte[] bytes) {
            channel.writeInbound(Unpooled.wrappedBuffer(bytes));
            List<Object> got = new ArrayList<>();
            for (Object o; (o = channel.readInbound()) != null; ) got.add(o);
            return got;
        }
    }

    private void sealBoth() {
        LanSessionKeys keys = LanTranscriptTest.transcript().sessionKeys(LanTranscriptTest.KEY);
        gateway.seal.sealNow(keys.gatewayEnd());
        device.seal.sealNow(keys.deviceEnd());
    }

    private static LanMessage heartbeat(long seq) {
        return LanMessage.newBuilder().setHeartbeat(Heartbeat.newBuilder().setSeq(seq)).build();
    }

    private static LanDecodeResult decoded(long seq) {
        return new LanDecodeResult.Decoded(heartbeat(seq));
    }

    private static String reason(Object o) {
        return ((LanDecodeResult.Malformed) o).reason();
    }

    @Test
    void beforeSealingFramesAreTheV1PlaintextBytes() {
        LanMessage m = LanSamples.all().get("hello");
        assertThat(device.send(m)).isEqualTo(LanFrames.encode(m));
        assertThat(gateway.receive(LanFrames.encode(m))).containsExactly(new LanDecodeResult.Decoded(m));
    }

    @Test
    void sealedFramesFedOneByteAtATimeOpenInOrder() {
        sealBoth();
        java.io.ByteArrayOutputStream wire = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < 5; i++) wire.writeBytes(device.send(heartbeat(i)));
        List<Object> got = new ArrayList<>();
        for (byte b : wire.toByteArray()) got.addAll(gateway.receive(new byte[] {b}));

        assertThat(got).containsExactly(decoded(0), decoded(1), decoded(2), decoded(3), decoded(4));
    }

    @Test
    void sealedFramesHideTheMessage() {
        sealBoth();
        LanMessage unlock = LanMessage.newBuilder().setReject(Reject.newBuilder().setMessage("unlock the front door")).build();
        byte[] wire = gateway.send(unlock);

        assertThat(new String(wire, StandardCharsets.ISO_8859_1)).doesNotContain("unlock");
        assertThat(wire.length).isEqualTo(LanFrames.encode(unlock).length + SealedFrames.OVERHEAD);
        assertThat(device.receive(wire)).containsExactly(new LanDecodeResult.Decoded(unlock));
    }

    @Test
    void aFlippedBitAnywhereInTheBodyIsForgedAndEndsTheSession() {
        sealBoth();
        byte[] first = device.send(heartbeat(1));
        byte[] second = device.send(heartbeat(2));
        byte[] tampered = first.clone();
        tampered[tampered.length - 1] ^= 0x01; // the last tag byte

        assertThat(reason(gateway.receive(tampered).get(0))).startsWith("tampered frame (FORGED)");
        // the genuine frame after it is discarded: the session is over
        assertThat(gateway.receive(second)).isEmpty();
    }

    @Test
    void aFlippedBitInTheAckIsForgedToo() {
        sealBoth();
        byte[] frame = device.send(heartbeat(1));
        frame[1 + 1 + 8 + 7] ^= 0x01; // prefix byte, marker, counter, then the ack's low byte

        assertThat(reason(gateway.receive(frame).get(0))).startsWith("tampered frame (FORGED)");
    }

    @Test
    void aReplayedFrameIsRefusedAsReplayed() {
        sealBoth();
        byte[] first = device.send(heartbeat(1));
        assertThat(gateway.receive(first)).containsExactly(decoded(1));

        assertThat(reason(gateway.receive(first).get(0))).startsWith("tampered frame (REPLAYED)").contains("counter 0");
    }

    @Test
    void reorderedFramesAreRefusedAsMissing() {
        sealBoth();
        byte[] first = device.send(heartbeat(1));
        byte[] second = device.send(heartbeat(2));

        assertThat(reason(gateway.receive(second).get(0))).startsWith("tampered frame (MISSING)").contains("frame 0 is missing");
        assertThat(gateway.receive(first)).isEmpty();
    }

    @Test
    void aDroppedFrameIsNoticedAtTheNextOne() {
        sealBoth();
        device.send(heartbeat(1)); // dropped on the way
        byte[] second = device.send(heartbeat(2));

        assertThat(reason(gateway.receive(second).get(0))).startsWith("tampered frame (MISSING)");
    }

    @Test
    void plaintextAfterSealingIsRefused() {
        sealBoth();
        assertThat(reason(gateway.receive(LanFrames.encode(heartbeat(1))).get(0))).startsWith("tampered frame (NOT_SEALED)");
    }

    @Test
    void aTruncatedSealedFrameIsNotSealed() {
        sealBoth();
        byte[] shortFrame = {5, SealedFrames.MARKER, 0, 0, 0, 0};
        assertThat(reason(gateway.receive(shortFrame).get(0))).startsWith("tampered frame (NOT_SEALED)").contains("shorter");
    }

    @Test
    void anOversizedFrameIsRefusedAtItsPrefixBeforeOpening() {
        sealBoth();
        // a length prefix of 2000 against a limit of 1024
        assertThat(reason(gateway.receive(new byte[] {(byte) 0xD0, 0x0F}).get(0))).contains("exceeds the limit of 1024");
        assertThat(gateway.channel.<Object>readInbound()).isNull();
    }

    @Test
    void acksTellTheSenderWhatThePeerHasOpened() {
        sealBoth();
        device.receive(gateway.send(heartbeat(1)));
        device.receive(gateway.send(heartbeat(2)));
        gateway.send(heartbeat(3)); // not delivered yet
        gateway.receive(device.send(heartbeat(9)));

        assertThat(gateway.seal.sealedCount()).isEqualTo(3);
        assertThat(gateway.seal.peerAck()).isEqualTo(2);
    }

    @Test
    void aDeviceAwaitingWelcomeAcceptsOnePlaintextRejectAndNothingAfterIt() {
        LanSessionKeys keys = LanTranscriptTest.transcript().sessionKeys(LanTranscriptTest.KEY);
        device.seal.sealAwaitingWelcome(keys.deviceEnd());
        LanMessage reject = LanSamples.all().get("reject");

        assertThat(device.receive(LanFrames.encode(reject))).containsExactly(new LanDecodeResult.Decoded(reject));
        assertThat(reason(device.receive(LanFrames.encode(heartbeat(1))).get(0))).startsWith("tampered frame (NOT_SEALED)");
        assertThat(device.receive(LanFrames.encode(heartbeat(2)))).isEmpty();
    }

    @Test
    void aDeviceAwaitingWelcomeOpensTheSealedWelcomeAndThenRefusesPlaintext() {
        LanSessionKeys keys = LanTranscriptTest.transcript().sessionKeys(LanTranscriptTest.KEY);
        device.seal.sealAwaitingWelcome(keys.deviceEnd());
        gateway.seal.sealNow(keys.gatewayEnd());
        LanMessage welcome = LanSamples.all().get("welcome");

        assertThat(device.receive(gateway.send(welcome))).containsExactly(new LanDecodeResult.Decoded(welcome));
        assertThat(reason(device.receive(LanFrames.encode(LanSamples.all().get("reject"))).get(0)))
                .startsWith("tampered frame (NOT_SEALED)");
    }
}
