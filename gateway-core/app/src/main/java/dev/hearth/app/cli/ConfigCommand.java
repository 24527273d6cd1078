package dev.hearth.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hearth config ...}: work with configuration files. */
@Command(name = "config",
        mixinStandardHelpOptions = true,
        versionProvider = HearthVersion.class,
        description = "Work with configuration files.",
        subcommands = {
                ConfigCheckCommand.class,
        })
public final class ConfigCommand implements Callable<Integer> {
    @ParentCommand
    private HearthCli root;

    @Spec
    private CommandSpec spec;

    HearthCli root() {
        return root;
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing subcommand");
    }
}
