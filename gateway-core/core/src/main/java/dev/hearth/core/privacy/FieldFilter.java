package dev.hearth.core.privacy;

import dev.hearth.config.PrivacyAction;
import dev.hearth.config.UnknownFieldsMode;

import dev.hearth.driver.api.model.DataClass;
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
        return classified(model, overrideKey, name, dataClass, value, DecisionReason.DECLARED, counts);
    }

    /**
     * A field the model does not declare, which the owner allowed as {@code dataClass} (TELEMETRY
     * or DIAGNOSTIC): decided as if declared so, except that a secret-shaped value still stays home.
     */
    Optional<Value> ownerAllowed(String model, String field, DataClass dataClass, Value value, int[] counts) {
        if (detector.containsSecret(field, value)) return drop(counts, DataClass.SECRET, DecisionReason.OWNER_ALLOWED);
        return classified(model, field, field, dataClass, value, DecisionReason.OWNER_ALLOWED, counts);
    }

    /** A declared field whose value has another type or shape than declared: it stays home, whatever its class. */
    Optional<Value> mismatched(DataClass dataClass, int[] counts) {
        return drop(counts, dataClass, DecisionReason.TYPE_MISMATCH);
    }

    private Optional<Value> classified(String model, String overrideKey, String name, DataClass dataClass, Value value,
                                       DecisionReason reason, int[] counts) {
        if (dataClass == DataClass.SECRET) return drop(counts, DataClass.SECRET, reason);
        if (dataClass == DataClass.DIAGNOSTIC && !consent.uxProgrammeJoined()) return drop(counts, dataClass, reason);
        PrivacyAction action = policy.overrideFor(model, overrideKey).orElseGet(() -> policy.actionFor(dataClass));
        return apply(action, dataClass, name, value, reason, counts);
    }

    /**
     * A field the model does not declare. A personal one is never partly pseudonymised or
     * generalised: the PERSONAL action applies to the whole value, and where it cannot (or the
     * action is DROP) only its clean parts may leave (see {@link UnknownFieldCleaner}).
     */
    Optional<Value> undeclared(String key, Value value, int[] counts) {
        if (policy.unknownFields() == UnknownFieldsMode.DROP) return drop(counts, DataClass.PERSONAL, DecisionReason.UNKNOWN_FIELD);
        // the first finding is enough to decide and to count; only an action that would let the
        // value out (not the default DROP) needs the full scan for secrets
        Optional<Finding> first = detector.firstFinding(key, value);
        if (first.isEmpty()) {
            DecisionSummary.add(counts, DataClass.TELEMETRY, PrivacyAction.KEEP, DecisionReason.DETECTOR);
            return Optional.of(value);
        }
        DecisionSummary.detected(counts, first.get().category());
        PrivacyAction action = policy.actionFor(DataClass.PERSONAL);
        // a secret-shaped part never leaves, not even pseudonymised: only the clean parts may
        if (action != PrivacyAction.DROP && detector.containsSecret(key, value)) action = PrivacyAction.DROP;
        if (action == PrivacyAction.KEEP || action == PrivacyAction.PSEUDONYMISE) {
            return apply(action, DataClass.PERSONAL, key, value, DecisionReason.DETECTOR, counts);
        }
        if (action == PrivacyAction.GENERALISE) {
            Optional<Value> g = generaliser.generalise(key, value);
            if (g.isPresent()) {
                DecisionSummary.add(counts, DataClass.PERSONAL, PrivacyAction.GENERALISE, DecisionReason.DETECTOR);
                return g;
            }
        }
        DecisionSummary.add(counts, DataClass.PERSONAL, PrivacyAction.DROP, DecisionReason.DETECTOR);
        if (value instanceof Value.Struct || value instanceof Value.Array) return cleaner.clean(key, value);
        return Optional.empty();
    }

    private Optional<Value> apply(PrivacyAction action, DataClass dataClass, String name, Value value,
                                  DecisionReason reason, int[] counts) {
        switch (action) {
            case KEEP -> {
                DecisionSummary.add(counts, dataClass, PrivacyAction.KEEP, reason);
                return Optional.of(value);
            }
            case PSEUDONYMISE -> {
                DecisionSummary.add(counts, dataClass, PrivacyAction.PSEUDONYMISE, reason);
                return Optional.of(pseudonymiser.pseudonymise(value));
            }
            case GENERALISE -> {
                Optional<Value> g = generaliser.generalise(name, value);
                DecisionSummary.add(counts, dataClass, g.isPresent() ? PrivacyAction.GENERALISE : PrivacyAction.DROP, reason);
                return g;
            }
            default -> {
                return drop(counts, dataClass, reason);
            }
        }
    }

    private static Optional<Value> drop(int[] counts, DataClass dataClass, DecisionReason reason) {
        DecisionSummary.add(counts, dataClass, PrivacyAction.DROP, reason);
        return Optional.empty();
    }
}
