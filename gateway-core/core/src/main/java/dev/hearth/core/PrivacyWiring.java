package dev.hearth.core;

import dev.hearth.config.PrivacyAction;
import dev.hearth.config.UnknownFieldsMode;

import dev.hearth.config.OwnerOnly;
import dev.hearth.config.PrivacyConfig;
import dev.hearth.config.PrivacyOverride;
import dev.hearth.core.devices.ReportGate;
import dev.hearth.core.metrics.GatewayMetrics;
import dev.hearth.core.privacy.DecisionReason;
import dev.hearth.core.privacy.Decisions;
import dev.hearth.core.privacy.HomeKey;
import dev.hearth.core.privacy.PersonalDataDetector;
import dev.hearth.core.privacy.UnknownFieldRecord;
import dev.hearth.core.privacy.UnknownFieldRules;
import dev.hearth.driver.api.model.ModelCatalog;
import dev.hearth.driver.api.model.ReportValidator;
import dev.hearth.core.privacy.PrivacyPolicy;
import dev.hearth.driver.api.model.DataClass;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The privacy section of the configuration as a {@link PrivacyPolicy}, and the home's pseudonymisation key. */
public final class PrivacyWiring {
    static final String HOME_KEY_FILE = "home.key";

    private PrivacyWiring() {
    }

    /** The filter's policy for this privacy section (the CLI's redact shares it with the gateway). */
    public static PrivacyPolicy policy(PrivacyConfig c) {
        PrivacyPolicy p = PrivacyPolicy.defaults()
                .withAction(DataClass.TELEMETRY, c.classes().telemetry())
                .withAction(DataClass.DIAGNOSTIC, c.classes().diagnostic())
                .withAction(DataClass.PERSONAL, c.classes().personal())
                .withUnknownFields(c.unknownFields());
        for (PrivacyOverride o : c.overrides()) {
            p = p.withOverride(o.model(), o.property(), o.action());
        }
        return p;
    }

    /** The filter's decisions as {@code hearth_privacy_decisions_total{class,action,reason}}. */
    public static Decisions decisions(GatewayMetrics metrics) {
        return new Decisions() {
            @Override public void decided(DataClass dataClass, PrivacyAction action, int count) {
                metrics.privacyDecision(dataClass.name(), action.name(), count);
            }
            @Override public void decided(DataClass dataClass, PrivacyAction action, DecisionReason reason, int count) {
                metrics.privacyDecision(dataClass.name(), action.name(), reason.tag(), count);
            }
            @Override public void recordDropped(RecordDrop reason) {
                metrics.privacyRecordWithheld(reason.name());
            }
        };
    }

    /**
     * The check of every device report against its model: default limits, the owner's decisions
     * on undeclared fields, and — only in the opt-in detect mode — other undeclared fields kept
     * while they do not look secret.
     */
    static ReportGate reportGate(PrivacyConfig c, ModelCatalog models, PersonalDataDetector detector,
                                 UnknownFieldRules rules, UnknownFieldRecord record, GatewayMetrics metrics) {
        boolean detect = c.unknownFields() == UnknownFieldsMode.DETECT;
        return new ReportGate(models, new ReportValidator(ReportValidator.Limits.defaults()), rules,
                (field, value) -> detect && !detector.containsSecret(field, value), record::record,
                (protocol, reason, count) -> metrics.rejectedValues(protocol, reason.name(), count));
    }

    /**
     * The home's secret key for pseudonyms: generated on first start into the data directory,
     * owner-only; stable afterwards, so pseudonyms stay stable within the home.
     */
    static HomeKey homeKey(Path dataDir, SecureRandom random) throws IOException {
        Path file = dataDir.resolve(HOME_KEY_FILE);
        if (!Files.exists(file)) {
            HomeKey fresh = HomeKey.generate(random);
            Path tmp = OwnerOnly.createTempFile(dataDir, ".home", ".key");
            Files.writeString(tmp, HexFormat.of().formatHex(fresh.exportBytes()) + "\n", StandardCharsets.US_ASCII,
                    StandardOpenOption.TRUNCATE_EXISTING);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        return read(file);
    }

    /** The home key a gateway already made in {@code dataDir}, if any; never creates one. */
    public static java.util.Optional<HomeKey> existingHomeKey(Path dataDir) throws IOException {
        Path file = dataDir.resolve(HOME_KEY_FILE);
        return Files.exists(file) ? java.util.Optional.of(read(file)) : java.util.Optional.empty();
    }

    private static HomeKey read(Path file) throws IOException {
        try {
            return HomeKey.of(HexFormat.of().parseHex(Files.readString(file, StandardCharsets.US_ASCII).strip()));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " does not hold a valid home key (" + e.getMessage() + "); it is needed for stable pseudonyms", e);
        }
    }
}
