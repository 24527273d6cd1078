package dev.hearth.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.hearth.driver.api.DeviceSecret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * Writes the secrets file {@link SecretsFile#load} reads: the one codec of its format on the
 * writing side, for the gateway (a device adopted with a new key) and for the tools that generate
 * one (simulator, demo). {@link #put} adds or replaces one device's secret and keeps everything
 * else; {@link #writeDevices} writes a new file of device secrets. Either way the content goes to an
 * owner-only file beside the target, which is then moved over it: no reader ever sees a
 * half-written or world-readable file. Values are hex, always quoted (a hex string of digits only
 * must not read back as a number).
 */
public final class SecretsFileWriter {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .disable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    private final Path file;

    public SecretsFileWriter(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /** Adds or replaces {@code deviceId}'s secret in the file, keeping its other entries and sections. */
    public synchronized void put(String deviceId, DeviceSecret secret) {
        Checks.notBlank(deviceId, "device id");
        try {
            ObjectNode root = Files.exists(file) && Files.size(file) > 0
                    ? asObject(YAML.readTree(file.toFile())) : YAML.createObjectNode();
            JsonNode devices = root.get("devices");
            ObjectNode map = devices instanceof ObjectNode o ? o : root.putObject("devices");
            map.put(deviceId, HexFormat.of().formatHex(secret.bytes()));
            replace(file, YAML.writeValueAsString(root));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update the secrets file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a new secrets file holding {@code hexById} (device id -> secret as hex) under
     * {@code devices:}, with {@code comment} as its first line.
     */
    public static void writeDevices(Path file, String comment, Map<String, String> hexById) throws IOException {
        if (comment.indexOf('\n') >= 0 || comment.indexOf('\r') >= 0) throw new IllegalArgumentException("a comment is one line");
        ObjectNode root = YAML.createObjectNode();
        ObjectNode devices = root.putObject("devices");
        hexById.forEach((id, hex) -> {
            Checks.notBlank(id, "device id");
            if (!DevicesReader.isHex(hex)) throw new IllegalArgumentException("the secret of " + id + " is not hex");
            devices.put(id, hex);
        });
        replace(file, "# " + comment + "\n" + YAML.writeValueAsString(root));
    }

    private static void replace(Path file, String yaml) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        OwnerOnly.createDirectories(dir);
        Path tmp = OwnerOnly.createTempFile(dir, ".secrets", ".tmp");
        try {
            Files.writeString(tmp, yaml, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static ObjectNode asObject(JsonNode node) throws IOException {
        if (node instanceof ObjectNode o) return o;
        throw new IOException("it is not a YAML map");
    }
}
