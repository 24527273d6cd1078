package dev.hearth.app.cli;

import java.nio.file.Path;
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
        if (ConfigFiles.load(file, parent.root().environment(), spec.commandLine().getErr()).isEmpty()) return EXIT_INVALID;
        spec.commandLine().getOut().println("ok");
        return 0;
    }
}
