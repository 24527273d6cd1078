package dev.hearth.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The gateway's secrets file ({@code gateway.secretsFile}), kept apart from the config so that the
 * config can be shared and the secrets cannot:
 * <pre>
 * devices: { lamp-1: "00112233445566778899aabbccddeeff" }   # by device id or by ref name; hex
 * mqtt:    { password: "..." }
 * keys:    { pseudonymKey: "...", apiToken: "..." }          # other named gateway secrets
 * </pre>
 * On POSIX file systems a file that group or others may read or write is refused. Its values are
 * never shown: not in {@code toString()}, not in problems.
 */
public record SecretsFile(Map<String, Secret> devices, Optional<Secret> mqttPassword, Map<String, Secret> keys) {
    public SecretsFile {
        devices = Map.copyOf(devices);
        Objects.requireNonNull(mqttPassword, "mqttPassword");
        keys = Map.copyOf(keys);
    }

    public static SecretsFile empty() {
        return new SecretsFile(Map.of(), Optional.empty(), Map.of());
    }

    /**
     * Loads the secrets file. A file that does not exist yet is an empty one (a fresh gateway has no
     * secrets); anything else wrong, including loose permissions, is a refusal with problems.
     */
    public static SecretsResult load(Path file) {
        Problems problems = new Problems();
        String where = file.toString();
        if (!Files.exists(file)) return new SecretsResult.Loaded(empty());
        Optional<ConfigProblem> loose = OwnerOnly.check(file);
        if (loose.isPresent()) return new SecretsResult.Refused(List.of(loose.get()));
        Optional<JsonNode> root = YamlFiles.readText(file, problems).flatMap(t -> YamlFiles.parse(t, where, problems));
        if (root.isEmpty()) return new SecretsResult.Refused(problems.all());
        if (!root.get().isObject()) {
            problems.add(where, "expected a mapping with devices:, mqtt: or keys:");
            return new SecretsResult.Refused(problems.all());
        }
        Map<String, Secret> devices = map(root.get(), "devices", true, problems);
        Map<String, Secret> mqtt = map(root.get(), "mqtt", false, problems);
        Map<String, Secret> keys = map(root.get(), "keys", false, problems);
        root.get().fieldNames().forEachRemaining(name -> {
            if (!Set.of("devices", "mqtt", "keys").contains(name)) problems.add(name, "unknown key in the secrets file");
        });
        mqtt.keySet().stream().filter(k -> !k.equals("password"))
                .forEach(k -> problems.add("mqtt." + k, "unknown key in the secrets file"));
        if (!problems.isEmpty()) return new SecretsResult.Refused(problems.all());
        return new SecretsResult.Loaded(new SecretsFile(devices, Optional.ofNullable(mqtt.get("password")), keys));
    }

    private static Map<String, Secret> map(JsonNode root, String section, boolean hex, Problems problems) {
        JsonNode node = root.get(section);
        Map<String, Secret> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) return out;
        if (!node.isObject()) {
            problems.add(section, "expected a mapping of name: value");
            return out;
        }
        node.properties().forEach(e -> {
            String path = section + "." + e.getKey();
            JsonNode v = e.getValue();
            if (!v.isTextual() || v.asText().isEmpty()) {
                problems.add(path, "must be quoted, non-empty text (value not shown)");
            } else if (hex && !DevicesReader.isHex(v.asText())) {
                problems.add(path, "must be an even number of hexadecimal digits (value not shown)");
            } else {
                out.put(e.getKey(), Secret.of(v.asText()));
            }
        });
        return out;
    }

    /** The device secret stored under this device id or ref name. */
    public Optional<Secret> device(String name) {
        return Optional.ofNullable(devices.get(name));
    }

    /** A named gateway secret from the {@code keys} section. */
    public Optional<Secret> key(String name) {
        return Optional.ofNullable(keys.get(name));
    }

    /** The secret a source stands for: the inline one, or the {@code devices} entry a ref names. */
    public Optional<Secret> resolve(SecretSource source) {
        if (source instanceof InlineSecret inline) return Optional.of(inline.secret());
        return device(((SecretRef) source).name());
    }

    /** A problem for every static device whose {@code { ref: NAME }} names no entry of this file. */
    public List<ConfigProblem> unresolvedRefs(HearthConfig config) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (int i = 0; i < config.devices().size(); i++) {
            StaticDevice d = config.devices().get(i);
            if (d.secret().isPresent() && d.secret().get() instanceof SecretRef ref && device(ref.name()).isEmpty()) {
                // where the entry is written (devices.static[i] when devices is a mapping)
                problems.add(new ConfigProblem(d.path().isEmpty() ? "devices[" + i + "]" : d.path(),
                        "secret ref '" + ref.name() + "' is not in the secrets file " + config.gateway().secretsFile()));
            }
        }
        return problems;
    }
}
