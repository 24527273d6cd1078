package dev.hearth.protocols.lan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.protocols.HexFixtures;
import dev.hearth.protocols.lan.v1.LanMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The committed fixtures pin the wire format: a schema change that moves bytes fails here. */
class LanGoldenFixturesTest {

    static Stream<String> names() {
        return LanSamples.all().keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("names")
    void decodesTheCommittedFrameToTheSampleMessage(String name) {
        byte[] fixture = HexFixtures.load("fixtures/lan/" + name + ".hex");

        assertThat(LanFrames.decode(fixture)).isEqualTo(new LanDecodeResult.Decoded(LanSamples.all().get(name)));
    }

    @ParameterizedTest
    @MethodSource("names")
    void encodesTheSampleMessageToTheCommittedBytes(String name) {
        byte[] fixture = HexFixtures.load("fixtures/lan/" + name + ".hex");

        assertThat(LanFrames.encode(LanSamples.all().get(name))).isEqualTo(fixture);
    }

    @ParameterizedTest
    @MethodSource("names")
    void nettyEncoderAndDecoderAgreeWithTheCommittedBytes(String name) {
        byte[] fixture = HexFixtures.load("fixtures/lan/" + name + ".hex");
        LanMessage message = LanSamples.all().get(name);
        EmbeddedChannel channel = new EmbeddedChannel(new LanFrameEncoder(), new LanFrameDecoder(LanFrames.DEFAULT_MAX_FRAME_BYTES));

        channel.writeOutbound(message);
        ByteBuf written = channel.readOutbound();
        byte[] bytes = ByteBufUtil.getBytes(written);
        written.release();
        channel.writeInbound(Unpooled.wrappedBuffer(fixture));

        assertThat(bytes).isEqualTo(fixture);
        assertThat(channel.<Object>readInbound()).isEqualTo(new LanDecodeResult.Decoded(message));
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void everyMessageKindHasASampleAndEverySampleAFixture() throws IOException, URISyntaxException {
        Set<LanMessage.BodyCase> kinds = LanSamples.all().values().stream().map(LanMessage::getBodyCase).collect(Collectors.toSet());
        Path dir = Path.of(getClass().getClassLoader().getResource("fixtures/lan").toURI());
        Set<String> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.map(p -> p.getFileName().toString().replaceFirst("\\.hex$", "")).collect(Collectors.toSet());
        }

        assertThat(kinds).containsExactlyInAnyOrder(Stream.of(LanMessage.BodyCase.values())
                .filter(c -> c != LanMessage.BodyCase.BODY_NOT_SET).toArray(LanMessage.BodyCase[]::new));
        assertThat(files).isEqualTo(LanSamples.all().keySet());
    }
}
