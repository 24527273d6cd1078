package dev.hearth.simulator.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one YAML secrets file a simulator run writes for the gateway: {@code devices:} then one
 * {@code <id>: "<hex>"} line per device, native keys and miIO tokens alike. Created owner-only
 * (0600) before any secret is written, then moved over the target, so no reader ever sees a
 * half-written or world-readable file.
 */
final class SecretsFile {
    private final Map<String, String> hexById = new LinkedHashMap<>();

    /** Adds one device's secret as hex; an id given twice is a programming error. */
    SecretsFile add(String deviceId, String hex) {
        if (!deviceId.matches("[A-Za-z0-9._-]+")) throw new IllegalArgumentException("device id unfit for YAML: " + deviceId);
        if (!hex.matches("[0-9a-f]+")) throw new IllegalArgumentException("a secret must be lower-case hex");
        if (hexById.putIfAbsent(deviceId, hex) != null) throw new IllegalArgumentException("device id twice: " + deviceId);
        return this;
    }

    int size() {
        return hexById.size();
    }

    void write(Path file) throws IOException {
        StringBuilder yaml = new StringBuilder("# Hearth device secrets: simulator keys and tokens. Keep private.\ndevices:\n");
        hexById.forEach((id, hex) -> yaml.append("  ").append(id).append(": \"").append(hex).append("\"\n"));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException raced) {
            throw new IOException("cannot create " + tmp + ": it appeared while writing", raced);
        }
        Files.writeString(tmp, yaml, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
