package dev.hearth.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hearth models ...}: the device models the gateway knows, and MIoT spec documents. */
@Command(name = "models",
        mixinStandardHelpOptions = true,
        versionProvider = HearthVersion.class,
        description = "List, show, check and import device models (MIoT spec documents).",
        subcommands = {
                ModelsListCommand.class,
                ModelsShowCommand.class,
                ModelsCheckCommand.class,
                ModelsImportCommand.class,
        })
public final class ModelsCommand implements Callable<Integer> {
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
