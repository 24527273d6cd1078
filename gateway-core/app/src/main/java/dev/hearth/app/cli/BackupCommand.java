package dev.hearth.app.cli;

import dev.hearth.app.backup.DataDirBackup;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hearth backup FILE}: the data directory, secrets and configuration in one owner-only file, while the gateway runs. */
@Command(name = "backup",
        mixinStandardHelpOptions = true,
        versionProvider = HearthVersion.class,
        description = {"Back up the gateway into one zip file (mode 600): the database by SQLite's",
                "online backup (consistent while the gateway runs), its keys, tokens and setup",
                "code, the secrets file and the configuration. Run it as the data directory's",
                "owner:  sudo -u hearth hearth backup /tmp/hearth-backup.zip"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:backup written", "1:failed (the message says why)", "2:invalid configuration or arguments, or not the data directory's owner"})
public final class BackupCommand implements Callable<Integer> {
    @ParentCommand
    private HearthCli parent;

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "/etc/hearth/hearth.yaml",
            description = "The gateway's configuration (default: ${DEFAULT-VALUE}).")
    private Path configFile;

    @Parameters(index = "0", paramLabel = "FILE", description = "The backup file to write (replaced if it exists).")
    private Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        var config = DataDirOwner.loadAsOwner(configFile, parent.environment(), err);
        if (config.isEmpty()) return 2;
        DataDirBackup.Written written = new DataDirBackup(config.get(), configFile, HearthVersion.version()).writeTo(out);
        PrintWriter o = spec.commandLine().getOut();
        o.printf("backup written to %s: database (schemas %s), %d data files, secrets and configuration%n",
                written.file(), written.schemas(), written.files());
        o.flush();
        return 0;
    }
}
