package dev.hearth.core.privacy;

import dev.hearth.core.access.AuditLog;
import dev.hearth.driver.api.model.DeviceModel;
import dev.hearth.driver.api.model.ModelCatalog;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The owner's review of undeclared fields: what was seen ({@link UnknownFieldRecord}) beside what
 * was decided ({@link UnknownFieldRules}), and the decision itself, audited. A decision applies
 * from the next report on: the validation step and the filter both read the rules on every report.
 */
public final class UnknownFieldReview {

    /** What became of a decision. */
    public sealed interface Result {
        record Recorded(UnknownFieldRules.Rule rule) implements Result { }
        record Refused(String reason) implements Result { }
    }

    private final UnknownFieldRecord record;
    private final UnknownFieldRules rules;
    private final ModelCatalog models;
    private final AuditLog audit;
    private final Clock clock;

    public UnknownFieldReview(UnknownFieldRecord record, UnknownFieldRules rules, ModelCatalog models, AuditLog audit,
                              Clock clock) {
        this.record = Objects.requireNonNull(record, "record");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.models = Objects.requireNonNull(models, "models");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public List<UnknownFieldRecord.Entry> seen() {
        return record.entries();
    }

    public List<UnknownFieldRules.Rule> decisions() {
        return rules.all();
    }

    public Optional<UnknownFieldRules.Rule> decision(String model, String field) {
        return rules.rule(model, field);
    }

    public long unrecorded() {
        return record.unrecorded();
    }

    /**
     * Records {@code user}'s decision on {@code field} of {@code model}. Refused for a model this
     * gateway does not know (its fields cannot be told from declared ones) and for a field the
     * model declares (it goes by its declared class, which no review changes).
     */
    public Result decide(String user, String model, String field, UnknownFieldDecision decision) {
        Optional<DeviceModel> m = models.find(model);
        if (m.isEmpty()) return new Result.Refused("no device model " + model + " is known to this gateway");
        if (m.get().property(field).isPresent()) {
            return new Result.Refused("field " + field + " is declared by " + model + ": its declared class applies");
        }
        int colon = field.indexOf(':');
        if (colon > 0) {
            String event = field.substring(0, colon);
            String arg = field.substring(colon + 1);
            boolean declaredArg = m.get().event(event).map(e -> e.event().args().stream().anyMatch(a -> a.name().equals(arg)))
                    .orElse(false);
            if (declaredArg) return new Result.Refused("argument " + field + " is declared by " + model + ": its declared class applies");
        }
        if (field.isBlank() || field.length() > UnknownFieldRules.MAX_NAME) {
            return new Result.Refused("a field name has 1 to " + UnknownFieldRules.MAX_NAME + " characters");
        }
        var at = clock.instant();
        if (rules.decide(model, field, decision, at) == UnknownFieldRules.Outcome.TOO_MANY_RULES) {
            return new Result.Refused("at most " + UnknownFieldRules.MAX_RULES + " field decisions can be kept");
        }
        audit.recordPrivacyReview(user, model, field, decision.name(), at);
        return new Result.Recorded(rules.rule(model, field).orElseThrow());
    }
}
