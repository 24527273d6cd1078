package dev.hearth.core.devices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.hearth.config.OwnerOnly;
import dev.hearth.driver.api.DeviceSecret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;

/**
 * Adds a device secret to the secrets file ({@code devices: {id: "hex"}}), keeping everything else
 * in it. The new file is written owner-only beside the old one and moved over it, so a crash
 * never leaves a half-written or world-readable file.
 */
public final class SecretsFileWriter {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private final Path file;

    public SecretsFileWriter(Path file) {
        this.file = file;
    }

    public synchronized void put(String deviceId, DeviceSecret secret) {
        try {
            ObjectNode root = Files.exists(file) && Files.size(file) > 0
                    ? asObject(YAML.readTree(file.toFile())) : YAML.createObjectNode();
            JsonNode devices = root.get("devices");
            ObjectNode map = devices instanceof ObjectNode o ? o : root.putObject("devices");
            map.put(deviceId, HexFormat.of().formatHex(secret.bytes()));
            Path dir = file.toAbsolutePath().getParent();
            OwnerOnly.createDirectories(dir);
            Path tmp = OwnerOnly.createTempFile(dir, ".secrets", ".tmp");
            YAML.writeValue(tmp.toFile(), root);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update the secrets file " + file + ": " + e.getMessage(), e);
        }
    }

    private static ObjectNode asObject(JsonNode node) throws IOException {
        if (node instanceof ObjectNode o) return o;
        throw new IOException("it is not a YAML map");
    }
}
