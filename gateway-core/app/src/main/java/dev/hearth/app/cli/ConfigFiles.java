package dev.hearth.app.cli;

import dev.hearth.config.ConfigLoader;
import dev.hearth.config.ConfigProblem;
import dev.hearth.config.ConfigResult;
import dev.hearth.config.HearthConfig;
import dev.hearth.config.SecretsFile;
import dev.hearth.config.SecretsResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Loads a configuration and its secrets file for a command, printing every problem when they are not valid. */
final class ConfigFiles {
    /** A valid configuration and its secrets. */
    record Loaded(HearthConfig config, SecretsFile secrets) {
    }

    private ConfigFiles() {
    }

    /** The loaded files, or empty after printing every problem to {@code err}. */
    static Optional<Loaded> load(Path file, Map<String, String> env, PrintWriter err) {
        ConfigResult result = new ConfigLoader(env).load(file);
        if (result instanceof ConfigResult.Invalid invalid) return report(invalid.problems(), err);
        HearthConfig config = ((ConfigResult.Valid) result).config();
        Path secretsFile = config.gateway().secretsFile();
        if (!Files.exists(secretsFile)) return Optional.of(new Loaded(config, SecretsFile.empty()));
        SecretsResult secrets = SecretsFile.load(secretsFile);
        if (secrets instanceof SecretsResult.Refused refused) return report(refused.problems(), err);
        SecretsFile loaded = ((SecretsResult.Loaded) secrets).secrets();
        List<ConfigProblem> unresolved = loaded.unresolvedRefs(config);
        if (!unresolved.isEmpty()) return report(unresolved, err);
        return Optional.of(new Loaded(config, loaded));
    }

    private static Optional<Loaded> report(List<ConfigProblem> problems, PrintWriter err) {
        problems.forEach(p -> err.println(p.toString()));
        err.flush();
        return Optional.empty();
    }
}
