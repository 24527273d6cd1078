package dev.hearth.core.privacy;

import dev.hearth.driver.api.model.DataClass;
import dev.hearth.driver.api.model.ValueType;
import dev.hearth.driver.api.value.Value;
import java.util.Optional;

/** Decides one field: its outbound value (empty: it stays home), counting the decision. */
final class FieldFilter {

    private final PrivacyPolicy policy;
    private final ConsentState consent;
    private final PersonalDataDetector detector;
    private final Pseudonymiser pseudonymiser;
    private final Generaliser generaliser;
    private final UnknownFieldCleaner cleaner;

    FieldFilter(PrivacyPolicy policy, ConsentState consent, PersonalDataDetector detector,
                Pseudonymiser pseudonymiser, Generaliser generaliser) {
        this.policy = policy;
        this.consent = consent;
        this.detector = detector;
        this.pseudonymiser = pseudonymiser;
        this.generaliser = generaliser;
        this.cleaner = new UnknownFieldCleaner(detector);
    }

    /**
     * A field the model declares with {@code dataClass}. {@code overrideKey} addresses it in the
     * policy's overrides; {@code name} (the model's name for it) tells the generaliser what it is.
     */
    Optional<Value> declared(String model, String overrideKey, String name, DataClass dataClass, Value value,
                             int[] counts) {
        if (dataClass == DataClass.SECRET) return drop(counts, DataClass.SECRET);
        if (dataClass == DataClass.DIAGNOSTIC && !consent.uxProgrammeJoined()) return drop(counts, dataClass);
        PrivacyAction action = policy.overrideFor(model, overrideKey).orElseGet(() -> policy.actionFor(dataClass));
        return apply(action, dataClass, name, value, counts);
    }

    /**
     * A field the model does not declare. A personal one is never partly pseudonymised or
     * generalised: the PERSONAL action applies to the whole value, and where it cannot (or the
     * action is DROP) only its clean parts may leave (see {@link UnknownFieldCleaner}).
     */
    Optional<Value> undeclared(String key, Value value, int[] counts) {
        if (policy.unknownFields() == UnknownFieldMode.DROP) return drop(counts, DataClass.PERSONAL);
        if (!detector.containsPersonal(key, value)) {
            DecisionSummary.add(counts, DataClass.TELEMETRY, PrivacyAction.KEEP);
            return Optional.of(value);
        }
        PrivacyAction action = policy.actionFor(DataClass.PERSONAL);
        // a secret-shaped part never leaves, not even pseudonymised: only the clean parts may
        if (action != PrivacyAction.DROP && detector.containsSecret(key, value)) action = PrivacyAction.DROP;
        if (action == PrivacyAction.KEEP || action == PrivacyAction.PSEUDONYMISE) {
            return apply(action, DataClass.PERSONAL, key, value, counts);
        }
        if (action == PrivacyAction.GENERALISE) {
            Optional<Value> g = generaliser.generalise(key, value);
            if (g.isPresent()) {
                DecisionSummary.add(counts, DataClass.PERSONAL, PrivacyAction.GENERALISE);
                return g;
            }
        }
        DecisionSummary.add(counts, DataClass.PERSONAL, PrivacyAction.DROP);
        if (value instanceof Value.Struct || value instanceof Value.Array) return cleaner.clean(key, value);
        return Optional.empty();
    }

    private Optional<Value> apply(PrivacyAction action, DataClass dataClass, String name, Value value, int[] counts) {
        switch (action) {
            case KEEP -> {
                DecisionSummary.add(counts, dataClass, PrivacyAction.KEEP);
                return Optional.of(value);
            }
            case PSEUDONYMISE -> {
                DecisionSummary.add(counts, dataClass, PrivacyAction.PSEUDONYMISE);
                return Optional.of(pseudonymiser.pseudonymise(value));
            }
            case GENERALISE -> {
                Optional<Value> g = generaliser.generalise(name, value);
                DecisionSummary.add(counts, dataClass, g.isPresent() ? PrivacyAction.GENERALISE : PrivacyAction.DROP);
                return g;
            }
            default -> {
                return drop(counts, dataClass);
            }
        }
    }

    private static Optional<Value> drop(int[] counts, DataClass dataClass) {
        DecisionSummary.add(counts, dataClass, PrivacyAction.DROP);
        return Optional.empty();
    }

    /** Whether a reported value has the declared type; a mismatch is treated as an undeclared field. */
    static boolean fits(ValueType type, Value value) {
        return switch (type) {
            case BOOL -> value instanceof Value.Bool;
            case INT -> value instanceof Value.Int;
            case FLOAT -> value instanceof Value.Real || value instanceof Value.Int;
            case STRING -> value instanceof Value.Text;
            case JSON -> true;
        };
    }
}
