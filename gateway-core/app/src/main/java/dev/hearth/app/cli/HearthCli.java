package dev.hearth.app.cli;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code hearth} command. Each subcommand is its own class, added with one entry in
 * {@code subcommands}; a subcommand reaches shared state (the environment) through
 * {@code @ParentCommand HearthCli}.
 */
@Command(name = "hearth",
        mixinStandardHelpOptions = true,
        versionProvider = HearthVersion.class,
        description = "Hearth home IoT gateway.",
        subcommands = {
                ConfigCommand.class,
                RunCommand.class,
                RedactCommand.class,
                PrivacyCommand.class,
                ModelsCommand.class,
                dev.hearth.tools.ctl.CtlCommand.class,
                dev.hearth.simulator.cli.SimulateCommand.class,
                DemoCommand.class,
                BackupCommand.class,
                RestoreCommand.class,
                StatusCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class HearthCli implements Callable<Integer> {
    /** Set to 1 to get stack traces instead of one-line errors. */
    public static final String DEBUG_VARIABLE = "HEARTH_DEBUG";

    private final Map<String, String> environment;

    @Spec
    private CommandSpec spec;

    public HearthCli() {
        this(System.getenv());
    }

    /** A CLI that reads {@code ${env:...}} and HEARTH_DEBUG from this environment (tests pass a map). */
    public HearthCli(Map<String, String> environment) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    }

    public static void main(String[] args) {
        System.exit(commandLine(new HearthCli()).execute(args));
    }

    /** The command line with Hearth's error handling: one-line errors, exit 1; usage errors exit 2. */
    public static CommandLine commandLine(HearthCli cli) {
        CommandLine commandLine = new CommandLine(cli);
        CliErrorHandler errors = new CliErrorHandler("1".equals(cli.environment.get(DEBUG_VARIABLE)));
        commandLine.setExecutionExceptionHandler(errors);
        commandLine.setParameterExceptionHandler(errors);
        return commandLine;
    }

    /** The process environment (or the one a test gave). */
    public Map<String, String> environment() {
        return environment;
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }
}
