package dev.hearth.protocols;

import dev.hearth.protocols.cloud.CloudPayloads;
import dev.hearth.protocols.cloud.CloudSamples;
import dev.hearth.protocols.lan.LanFrames;
import dev.hearth.protocols.lan.LanSamples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the golden fixtures from the samples. Run once by hand when the wire format changes on
 * purpose (never from a test): {@code java -cp ... dev.hearth.protocols.FixtureWriter protocols/src/test/resources/fixtures}.
 */
public final class FixtureWriter {

    private FixtureWriter() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "protocols/src/test/resources/fixtures");
        Files.createDirectories(root.resolve("lan"));
        Files.createDirectories(root.resolve("cloud"));
        LanSamples.all().forEach((name, message) -> write(root.resolve("lan/" + name + ".hex"),
                "LAN frame (varint32 length + LanMessage." + message.getBodyCase().name().toLowerCase() + "), from LanSamples",
                LanFrames.encode(message)));
        Files.createDirectories(root.resolve("lan-sealed"));
        LanSamples.sealedByGateway().forEach((name, body) -> write(root.resolve("lan-sealed/" + name + ".hex"),
                "sealed v2 frame body (0x02, counter, ack, AES-256-GCM ciphertext, tag) from the gateway's end, from LanSamples",
                body));
        LanSamples.sealedByDevice().forEach((name, body) -> write(root.resolve("lan-sealed/" + name + ".hex"),
                "sealed v2 frame body (0x02, counter, ack, AES-256-GCM ciphertext, tag) from the device's end, from LanSamples",
                body));
        CloudSamples.upward().forEach((name, message) -> write(root.resolve("cloud/" + name + ".hex"),
                message.getDescriptorForType().getFullName() + " payload, from CloudSamples",
                CloudPayloads.encode(message)));
        CloudSamples.commandBodies().forEach((name, body) -> write(root.resolve("cloud/" + name + ".hex"),
                "hearth.cloud.v1.SignedCommand payload (" + body.getOperationCase().name().toLowerCase() + "), from CloudSamples",
                CloudPayloads.encode(CloudSamples.sign(body))));
    }

    private static void write(Path file, String comment, byte[] bytes) {
        try {
            Files.writeString(file, HexFixtures.format(comment, bytes), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        System.out.println(file + ": " + bytes.length + " bytes");
    }
}
