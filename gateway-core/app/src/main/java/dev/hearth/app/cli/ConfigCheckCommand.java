package dev.hearth.app.cli;

import dev.hearth.core.devices.InstalledDrivers;
import dev.hearth.core.devices.StaticDeviceIdentities;
import dev.hearth.core.trust.TrustModeRecord;
import java.io.IOException;
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
 * secrets file exists it is checked too (permissions, format, refs the config names). When the file
 * names no {@code home.trust}, a second line says which mode the data directory gives the home and
 * why (a new home: users; one made before the setting: cloud; or what it recorded).
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
        var loaded = ConfigFiles.load(file, parent.root().environment(), spec.commandLine().getErr());
        if (loaded.isEmpty()) return EXIT_INVALID;
        // one identity per device: the gateway would run with the first of two entries for one device
        var identities = StaticDeviceIdentities.check(loaded.get().config(), InstalledDrivers.load(getClass().getClassLoader()));
        if (!identities.problems().isEmpty()) {
            identities.problems().forEach(p -> spec.commandLine().getErr().println(p.toString()));
            spec.commandLine().getErr().flush();
            return EXIT_INVALID;
        }
        var config = loaded.get().config();
        TrustModeRecord.Resolution trust;
        try {
            trust = TrustModeRecord.resolve(config.home().trust(), config.gateway().dataDir());
        } catch (IOException e) {
            spec.commandLine().getErr().println("home.trust: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return EXIT_INVALID;
        }
        spec.commandLine().getOut().println("ok");
        // which mode a file that names none gets depends on the data directory: say which, and why
        boolean switching = trust.recorded().filter(r -> r != trust.mode()).isPresent();
        if (trust.origin() != TrustModeRecord.Origin.CONFIG || switching) {
            spec.commandLine().getOut().println(trust.explain(config.gateway().dataDir()));
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
