package dev.hearth.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Loads and validates a Hearth YAML configuration. Never throws for bad input: a missing or unreadable
 * file, broken YAML and every invalid value come back as {@link ConfigResult.Invalid} with one
 * {@link ConfigProblem} each. Relative paths in the file resolve against the file's directory.
 */
public final class ConfigLoader {
    private final Map<String, String> environment;

    /** A loader that substitutes {@code ${env:NAME}} from the given environment (tests pass a map). */
    public ConfigLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    }

    /** A loader over this process's environment. */
    public static ConfigLoader withSystemEnvironment() {
        return new ConfigLoader(System.getenv());
    }

    public ConfigResult load(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Problems problems = new Problems();
        Optional<String> text = YamlFiles.readText(absolute, problems);
        if (text.isEmpty()) return new ConfigResult.Invalid(problems.all());
        Path dir = absolute.getParent() == null ? absolute : absolute.getParent();
        return parse(text.get(), file.toString(), dir, problems);
    }

    /** Validates YAML text; {@code baseDir} is where relative paths resolve. */
    public ConfigResult parse(String yaml, Path baseDir) {
        return parse(yaml, "config", baseDir.toAbsolutePath().normalize(), new Problems());
    }

    private ConfigResult parse(String yaml, String where, Path baseDir, Problems problems) {
        Optional<JsonNode> root = YamlFiles.parse(yaml, where, problems);
        if (root.isEmpty()) return new ConfigResult.Invalid(problems.all());
        if (!root.get().isObject()) {
            problems.add(where, "expected a mapping of sections (home:, gateway:, ...) at the top");
            return new ConfigResult.Invalid(problems.all());
        }
        ReadContext ctx = new ReadContext(problems, new EnvSubstitution(environment), baseDir);
        HearthConfig config = new ConfigTreeReader(ctx).read(root.get());
        return problems.isEmpty() ? new ConfigResult.Valid(config) : new ConfigResult.Invalid(problems.all());
    }
}
