package dev.hearth.app.cli;

import dev.hearth.app.backup.DataDirRestore;
import dev.hearth.core.GatewaySchemas;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hearth restore FILE}: a backup back into the data directory, with the gateway stopped. */
@Command(name = "restore",
        mixinStandardHelpOptions = true,
        versionProvider = HearthVersion.class,
        description = {"Restore a backup made by 'hearth backup' into the configuration's data",
                "directory, with the gateway stopped. A backup from a newer hearth (a newer",
                "schema) is refused. The backed-up configuration is written beside the live",
                "one as <config>.from-backup, never over it. Run it as the data directory's",
                "owner:  sudo -u hearth hearth restore /tmp/hearth-backup.zip"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:restored", "1:failed (the message says why)",
                "2:refused: not a backup, a newer schema, a running gateway, invalid configuration or arguments"})
public final class RestoreCommand implements Callable<Integer> {
    @ParentCommand
    private HearthCli parent;

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "/etc/hearth/hearth.yaml",
            description = "The gateway's configuration (default: ${DEFAULT-VALUE}).")
    private Path configFile;

    @Parameters(index = "0", paramLabel = "FILE", description = "The backup file.")
    private Path in;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        var config = DataDirOwner.loadAsOwner(configFile, parent.environment(), err);
        if (config.isEmpty()) return 2;
        Path copy = configFile.resolveSibling(configFile.getFileName() + ".from-backup");
        try {
            List<String> restored = new DataDirRestore(config.get(), copy, GatewaySchemas.ALL).restore(in);
            PrintWriter o = spec.commandLine().getOut();
            o.printf("restored %s into %s; the backed-up configuration is in %s%n",
                    String.join(", ", restored), config.get().gateway().dataDir(), copy);
            o.flush();
            return 0;
        } catch (DataDirRestore.Refused refused) {
            err.println("hearth restore: " + refused.getMessage());
            err.flush();
            return 2;
        }
    }
}
