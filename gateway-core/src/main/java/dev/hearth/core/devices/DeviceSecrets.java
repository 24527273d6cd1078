package dev.hearth.core.devices;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.hearth.driver.api.DeviceSecret;
import dev.hearth.driver.api.SecretStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Device keys and tokens, in memory, loaded from a secrets file:
 * <pre>{@code
 * devices:
 *   lamp-1: "00112233445566778899aabbccddeeff"
 * }</pre>
 * The file must not be readable by group or others. Errors name the file, line and device,
 * never a secret.
 */
public final class DeviceSecrets implements SecretStore {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<PosixFilePermission> TOO_OPEN = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Map<String, DeviceSecret> secrets = new ConcurrentHashMap<>();

    @Override
    public Optional<DeviceSecret> deviceSecret(String deviceId) {
        return Optional.ofNullable(secrets.get(deviceId));
    }

    public void put(String deviceId, DeviceSecret secret) {
        if (deviceId == null || deviceId.isBlank()) throw new IllegalArgumentException("deviceId must not be blank");
        secrets.put(deviceId, secret);
    }

    public void remove(String deviceId) {
        secrets.remove(deviceId);
    }

    /** Loads every secret of {@code file} (replacing those of the same devices); returns how many. */
    public int load(Path file) {
        Map<String, DeviceSecret> parsed = parse(file);
        secrets.putAll(parsed);
        return parsed.size();
    }

    /** A store holding the secrets of {@code file}. */
    public static DeviceSecrets fromFile(Path file) {
        DeviceSecrets s = new DeviceSecrets();
        s.load(file);
        return s;
    }

    private static Map<String, DeviceSecret> parse(Path file) {
        checkPermissions(file);
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new SecretsFileException(file + ": not valid YAML" + (at == null ? "" : " (line " + at.getLineNr() + ")"));
        } catch (IOException e) {
            throw new SecretsFileException(file + ": cannot read (" + e.getClass().getSimpleName() + ")");
        }
        if (root == null || root.isMissingNode() || root.isNull()) return Map.of();
        JsonNode devices = root.path("devices");
        if (devices.isMissingNode() || devices.isNull()) return Map.of();
        if (!devices.isObject()) throw new SecretsFileException(file + ": 'devices' must map device ids to hex secrets");
        Map<String, DeviceSecret> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = devices.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new SecretsFileException(file + ": the secret of device " + e.getKey() + " must be a quoted hex string");
            }
            try {
                out.put(e.getKey(), DeviceSecret.fromHex(e.getValue().textValue().strip()));
            } catch (IllegalArgumentException bad) {
                throw new SecretsFileException(file + ": the secret of device " + e.getKey() + " is invalid: " + bad.getMessage());
            }
        }
        return out;
    }

    private static void checkPermissions(Path file) {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) return; // not a POSIX file system: nothing to check
        try {
            Set<PosixFilePermission> perms = view.readAttributes().permissions();
            if (perms.stream().anyMatch(TOO_OPEN::contains)) {
                throw new SecretsFileException(file + " is readable by group or others: run chmod 600 " + file);
            }
        } catch (IOException e) {
            throw new SecretsFileException(file + ": cannot read (" + e.getClass().getSimpleName() + ")");
        }
    }
}
