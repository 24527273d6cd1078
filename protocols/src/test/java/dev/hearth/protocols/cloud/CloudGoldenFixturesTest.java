package dev.hearth.protocols.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import dev.hearth.protocols.HexFixtures;
import dev.hearth.protocols.cloud.v1.CommandBody;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The committed cloud payload fixtures pin the wire format of every topic's message. */
class CloudGoldenFixturesTest {

    private static final int MAX = 64 * 1024;

    static Stream<String> upwardNames() {
        return CloudSamples.upward().keySet().stream();
    }

    static Stream<String> commandNames() {
        return CloudSamples.commandBodies().keySet().stream();
    }

    @ParameterizedTest
    @MethodSource("upwardNames")
    void decodesAndEncodesUpwardPayloadsExactlyAsCommitted(String name) {
        byte[] fixture = HexFixtures.load("fixtures/cloud/" + name + ".hex");
        Message expected = CloudSamples.upward().get(name);

        assertThat(CloudPayloads.decode(expected.getDefaultInstanceForType(), fixture, MAX))
                .isEqualTo(new CloudDecodeResult.Decoded<>(expected));
        assertThat(CloudPayloads.encode(expected)).isEqualTo(fixture);
    }

    @ParameterizedTest
    @MethodSource("commandNames")
    void decodesAndEncodesSignedCommandsExactlyAsCommitted(String name) {
        byte[] fixture = HexFixtures.load("fixtures/cloud/" + name + ".hex");
        CommandBody body = CloudSamples.commandBodies().get(name);

        assertThat(new CommandDecoder(MAX).decode(fixture))
                .isEqualTo(new CloudDecodeResult.Decoded<>(new UnverifiedCommand(CloudSamples.sign(body), body)));
        assertThat(CloudPayloads.encode(CloudSamples.sign(body))).isEqualTo(fixture);
    }

    @Test
    void everyOperationKindHasASampleAndEverySampleAFixture() throws IOException, URISyntaxException {
        Set<CommandBody.OperationCase> ops = CloudSamples.commandBodies().values().stream()
                .map(CommandBody::getOperationCase).collect(Collectors.toSet());
        Path dir = Path.of(getClass().getClassLoader().getResource("fixtures/cloud").toURI());
        Set<String> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.map(p -> p.getFileName().toString().replaceFirst("\\.hex$", "")).collect(Collectors.toSet());
        }
        Set<String> samples = new HashSet<>(CloudSamples.upward().keySet());
        samples.addAll(CloudSamples.commandBodies().keySet());

        assertThat(ops).hasSize(CommandBody.OperationCase.values().length - 1);
        assertThat(files).isEqualTo(samples);
    }
}
