package dev.hearth.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.core.privacy.rights.ErasureReport;
import dev.hearth.core.privacy.rights.OfflineGatewayData;
import dev.hearth.core.privacy.rights.UserDataExport;
import dev.hearth.core.privacy.rights.UserErasure;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code hearth privacy export|erase --user U --config FILE}: a user's rights of access and
 * erasure, carried out on the gateway's data directory while the gateway is stopped (a running
 * gateway takes the same requests through the cloud's command topic).
 */
@Command(name = "privacy",
        mixinStandardHelpOptions = true,
        versionProvider = HearthVersion.class,
        description = "A user's data: export everything the gateway holds about them, or erase it.",
        subcommands = {PrivacyCommand.Export.class, PrivacyCommand.Erase.class})
public final class PrivacyCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParentCommand
    HearthCli parent;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing subcommand: export or erase");
    }

    /** Options both subcommands take. */
    static class Target {
        @Option(names = "--user", required = true, paramLabel = "USER", description = "The user id.")
        String user;

        @Option(names = "--config", required = true, paramLabel = "FILE", description = "The gateway's YAML configuration file.")
        Path configFile;
    }

    private static Optional<OfflineGatewayData> open(PrivacyCommand parent, Target t, CommandSpec spec) throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        var loaded = ConfigFiles.load(t.configFile, parent.parent.environment(), err);
        if (loaded.isEmpty()) return Optional.empty();
        return Optional.of(OfflineGatewayData.open(loaded.get().config(), Clock.systemUTC()));
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write everything the gateway holds about a user as JSON.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:written", "1:failed (no data, or a running gateway holds it)", "2:invalid configuration or arguments"})
    static final class Export implements Callable<Integer> {
        @ParentCommand
        PrivacyCommand parent;

        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        Target target = new Target();

        @Option(names = "--out", paramLabel = "FILE", description = "Write the JSON here instead of standard output.")
        Optional<Path> out = Optional.empty();

        @Override
        public Integer call() throws Exception {
            Optional<OfflineGatewayData> data = open(parent, target, spec);
            if (data.isEmpty()) return 2;
            ObjectNode export;
            try (OfflineGatewayData d = data.get()) {
                if (!d.held().holdsAnythingAbout(target.user)) return noData(spec, target.user);
                export = new UserDataExport(d.held(), Clock.systemUTC()).export(target.user, "cli");
            }
            String json = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(export);
            if (out.isPresent()) {
                Files.writeString(out.get(), json + System.lineSeparator());
                spec.commandLine().getErr().println("wrote the data held about " + target.user + " to " + out.get());
            } else {
                spec.commandLine().getOut().println(json);
            }
            spec.commandLine().getOut().flush();
            spec.commandLine().getErr().flush();
            return 0;
        }
    }

    @Command(name = "erase", mixinStandardHelpOptions = true,
            description = "Delete or anonymise everything the gateway holds about a user, and report what was done (JSON).",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:erased", "1:failed (no data, or a running gateway holds it)", "2:invalid configuration or arguments"})
    static final class Erase implements Callable<Integer> {
        @ParentCommand
        PrivacyCommand parent;

        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        Target target = new Target();

        @Option(names = "--withdraw", description = "Also record that the user withdrew consent: nothing more is collected about them.")
        boolean withdraw;

        @Override
        public Integer call() throws Exception {
            Optional<OfflineGatewayData> data = open(parent, target, spec);
            if (data.isEmpty()) return 2;
            ErasureReport report;
            try (OfflineGatewayData d = data.get()) {
                if (!d.held().holdsAnythingAbout(target.user)) return noData(spec, target.user);
                UserErasure erasure = new UserErasure(d.held(), Clock.systemUTC(), () -> { });
                report = withdraw ? erasure.withdraw(target.user, "cli") : erasure.erase(target.user, "cli");
            }
            spec.commandLine().getOut().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report.toJson()));
            spec.commandLine().getErr().println(report.summary());
            spec.commandLine().getOut().flush();
            spec.commandLine().getErr().flush();
            return 0;
        }
    }

    /** A typo is not a person: an unknown user is exit 1 with this line, never an empty export. */
    static int noData(CommandSpec spec, String user) {
        spec.commandLine().getErr().println("no data held for user " + user);
        spec.commandLine().getErr().flush();
        return 1;
    }
}
