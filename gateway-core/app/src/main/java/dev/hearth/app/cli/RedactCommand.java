package dev.hearth.app.cli;

import dev.hearth.config.UnknownFieldsMode;

import dev.hearth.core.GatewaySchemas;
import dev.hearth.config.HearthConfig;
import dev.hearth.config.PrivacyConfig;
import dev.hearth.core.PrivacyWiring;
import dev.hearth.core.privacy.AllowedFields;
import dev.hearth.core.privacy.ConsentState;
import dev.hearth.core.privacy.ConsentStore;
import dev.hearth.core.privacy.Generaliser;
import dev.hearth.core.privacy.HomeKey;
import dev.hearth.core.privacy.PersonalDataDetector;
import dev.hearth.core.privacy.PrivacyFilter;
import dev.hearth.core.privacy.PrivacyPolicy;
import dev.hearth.core.privacy.UnknownFieldRules;
import dev.hearth.core.privacy.Pseudonymiser;
import dev.hearth.core.privacy.RedactSummary;
import dev.hearth.core.privacy.Redactor;
import dev.hearth.core.storage.Database;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code hearth redact [--config FILE] [--unknown-fields detect|drop]}: JSON lines of device records
 * on standard input, and on standard output exactly what of them would leave the home, through the
 * gateway's own privacy filter; on standard error at the end, how many fields stayed home by reason. With {@code --config}, the privacy section, the home's pseudonymisation key and the
 * recorded consent of that gateway apply; without, the defaults and a temporary key.
 */
@Command(name = "redact",
        mixinStandardHelpOptions = true,
        versionProvider = HearthVersion.class,
        description = {"Show what would leave the home: reads JSON lines on standard input,",
                "  {\"device\":\"lamp-1\",\"model\":\"hearth.light.lamp1\",\"ts\":\"2024-05-01T10:00:00Z\",\"props\":{\"2.1\":true}}",
                "  {\"device\":\"lock-1\",\"model\":\"hearth.lock.v1\",\"ts\":1714557600000,\"event\":\"3.1\",\"args\":{\"user\":\"u1\"}}",
                "and writes each as the privacy filter would send it; a line of which nothing may leave is not written."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every line redacted", "1:some lines were bad (reported on standard error as 'line N: reason')",
                "2:invalid configuration or arguments"})
public final class RedactCommand implements Callable<Integer> {
    @ParentCommand
    private HearthCli parent;

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "The gateway's YAML configuration: its privacy section and home key apply.")
    private Optional<Path> configFile = Optional.empty();

    @Option(names = "--unknown-fields", paramLabel = "MODE",
            description = "detect or drop: what happens to fields a device model does not declare (default: the configuration's privacy.unknownFields, drop).")
    private Optional<String> unknownFields = Optional.empty();

    private final InputStream in;

    public RedactCommand() {
        this(System.in);
    }

    /** A command reading {@code in} instead of standard input (tests). */
    public RedactCommand(InputStream in) {
        this.in = in;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Optional<UnknownFieldsMode> mode = Optional.empty();
        if (unknownFields.isPresent()) {
            mode = switch (unknownFields.get().strip().toLowerCase(java.util.Locale.ROOT)) {
                case "detect" -> Optional.of(UnknownFieldsMode.DETECT);
                case "drop" -> Optional.of(UnknownFieldsMode.DROP);
                default -> Optional.empty();
            };
            if (mode.isEmpty()) {
                err.println("--unknown-fields: expected detect or drop, not " + unknownFields.get());
                return 2;
            }
        }
        PrivacyConfig privacy = PrivacyConfig.defaults();
        Optional<HomeKey> key = Optional.empty();
        ConsentState consent = new ConsentSnapshot(privacy.uxProgramme());
        AllowedFields allowed = AllowedFields.NONE;
        Optional<java.nio.file.Path> dataDir = Optional.empty();
        if (configFile.isPresent()) {
            var loaded = ConfigFiles.load(configFile.get(), parent.environment(), err);
            if (loaded.isEmpty()) return 2;
            HearthConfig config = loaded.get().config();
            dataDir = Optional.of(config.gateway().dataDir());
            privacy = config.privacy();
            key = PrivacyWiring.existingHomeKey(config.gateway().dataDir());
            consent = recordedConsent(config).orElse(new ConsentSnapshot(privacy.uxProgramme()));
            allowed = ownerDecisions(config).orElse(AllowedFields.NONE);
        }
        if (key.isEmpty()) {
            err.println("note: no home key " + (configFile.isPresent() ? "in the data directory yet" : "(no --config)")
                    + ": pseudonyms use a temporary key and differ from what the gateway would send");
        }
        Pseudonymiser pseudonymiser = new Pseudonymiser(key.orElseGet(() -> HomeKey.generate(new SecureRandom())));
        PrivacyPolicy policy = PrivacyWiring.policy(privacy);
        if (mode.isPresent()) policy = policy.withUnknownFields(mode.get());
        DropTally tally = new DropTally();
        PrivacyFilter filter = new PrivacyFilter(policy, consent, new PersonalDataDetector(),
                pseudonymiser, new Generaliser(), tally, allowed);
        // the models the gateway would use, spec documents included (a refused one is only logged here)
        Redactor redactor = new Redactor(filter, dev.hearth.core.models.GatewayModels.load(RedactCommand.class.getClassLoader(),
                dataDir, (protocol, source) -> { }));
        RedactSummary s = redactor.run(new InputStreamReader(in, StandardCharsets.UTF_8), spec.commandLine().getOut(), err);
        err.println(s.read() + " records read, " + s.written() + " written, " + s.withheld() + " withheld entirely, "
                + s.errors() + " bad lines");
        err.println(tally.line());
        err.flush();
        return s.errors() > 0 ? 1 : 0;
    }

    /** The gateway's recorded consent (UX programme, withdrawn users), read once from its database if it has one. */
    private static Optional<ConsentState> recordedConsent(HearthConfig config) {
        Path file = config.gateway().dataDir().resolve("hearth.db");
        if (!Files.isRegularFile(file)) return Optional.empty();
        try (Database db = GatewaySchemas.open(file)) {
            // ConsentStore answers from memory once loaded, so it stays usable after the database closes.
            return Optional.of(new ConsentStore(db, config.privacy().uxProgramme()));
        }
    }

    /** The owner's decisions on undeclared fields, read once from the gateway's database if it has one. */
    private static Optional<AllowedFields> ownerDecisions(HearthConfig config) {
        Path file = config.gateway().dataDir().resolve("hearth.db");
        if (!Files.isRegularFile(file)) return Optional.empty();
        try (Database db = GatewaySchemas.open(file)) {
            // answered from memory once loaded, like the consent
            return Optional.of(new UnknownFieldRules(db));
        }
    }

    /** Consent when no gateway has recorded any: the configured UX default, nobody withdrawn. */
    private record ConsentSnapshot(boolean ux) implements ConsentState {
        @Override public boolean uxProgrammeJoined() { return ux; }
        @Override public boolean withdrawn(String userId) { return false; }
        @Override public boolean anyWithdrawn() { return false; }
    }
}
