package dev.hearth.core.cli;

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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code hearth config check FILE}: prints {@code ok} and exits 0 for a valid configuration; otherwise
 * prints every problem as {@code path: message}, one per line on stderr, and exits 2. When the
 * secrets file exists it is checked too (permissions, format, refs the config names).
 */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        versionProvider = HearthVersion.class,
        description = "Validate a configuration file and report every problem.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the configuration is valid", "2:problems found (listed on stderr), or bad arguments"})
public final class ConfigCheckCommand implements Callable<Integer> {
    static final int EXIT_INVALID = 2;

    @ParentCommand
    private ConfigCommand parent;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The YAML configuration file.")
    private Path file;

    @Override
    public Integer call() {
        ConfigResult result = new ConfigLoader(parent.root().environment()).load(file);
        if (result instanceof ConfigResult.Invalid invalid) return report(invalid.problems());
        HearthConfig config = ((ConfigResult.Valid) result).config();
        List<ConfigProblem> secretProblems = secretsProblems(config);
        if (!secretProblems.isEmpty()) return report(secretProblems);
        spec.commandLine().getOut().println("ok");
        return 0;
    }

    private static List<ConfigProblem> secretsProblems(HearthConfig config) {
        Path secretsFile = config.gateway().secretsFile();
        // A fresh gateway has no secrets file yet; refs are then checked when it is written.
        if (!Files.exists(secretsFile)) return List.of();
        SecretsResult secrets = SecretsFile.load(secretsFile);
        if (secrets instanceof SecretsResult.Refused refused) return refused.problems();
        return ((SecretsResult.Loaded) secrets).secrets().unresolvedRefs(config);
    }

    private int report(List<ConfigProblem> problems) {
        PrintWriter err = spec.commandLine().getErr();
        problems.forEach(p -> err.println(p.toString()));
        err.flush();
        return EXIT_INVALID;
    }
}
