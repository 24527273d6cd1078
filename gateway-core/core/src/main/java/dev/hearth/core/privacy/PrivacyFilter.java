package dev.hearth.core.privacy;

import dev.hearth.config.PrivacyAction;
import dev.hearth.config.UnknownFieldsMode;

import dev.hearth.driver.api.DeviceEvent;
import dev.hearth.driver.api.model.ArgSpec;
import dev.hearth.driver.api.model.DataClass;
import dev.hearth.driver.api.model.DeviceModel;
import dev.hearth.driver.api.model.ModelValues;
import dev.hearth.driver.api.value.Value;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * The only way data leaves the home (DESIGN.md sections 1, 3, 4): an allowlist that builds the
 * outbound record from what the policy allows, field by field.
 *
 * <ul>
 *   <li>A field the device model declares goes by its {@code DataClass}: SECRET never leaves;
 *       DIAGNOSTIC only while the home is in the UX programme; otherwise the policy's action
 *       (a per-model, per-field override first, then the class's action).</li>
 *   <li>A field the model does not declare (unknown model, unknown key, or a value not of the
 *       declared type) is dropped in {@link UnknownFieldsMode#DROP} mode; in DETECT mode it is
 *       kept if the detector finds nothing personal in its key or value, and otherwise treated
 *       as PERSONAL (see {@link FieldFilter#undeclared}).</li>
 *   <li>A record naming a user who withdrew consent is dropped whole (a lock event with their id).</li>
 * </ul>
 * A state report with nothing left gives empty. A declared event is sent even with all arguments
 * dropped: that the door was unlocked is device state. An undeclared event stays home in DROP
 * mode, and in DETECT mode when its key is itself personal.
 * Thread-safe when its {@link ConsentState} and {@link Decisions} are.
 */
public final class PrivacyFilter {

    private final PrivacyPolicy policy;
    private final Decisions decisions;
    private final PersonalDataDetector detector;
    private final FieldFilter fields;
    private final WithdrawnUsers withdrawn;
    private final AllowedFields allowed;
    private final MismatchLog mismatches = new MismatchLog(LoggerFactory.getLogger(PrivacyFilter.class), 1024);

    public PrivacyFilter(PrivacyPolicy policy, ConsentState consent, PersonalDataDetector detector,
                         Pseudonymiser pseudonymiser, Generaliser generaliser, Decisions decisions) {
        this(policy, consent, detector, pseudonymiser, generaliser, decisions, AllowedFields.NONE);
    }

    /** A filter that also lets out the undeclared fields the owner {@code allowed}. */
    public PrivacyFilter(PrivacyPolicy policy, ConsentState consent, PersonalDataDetector detector,
                         Pseudonymiser pseudonymiser, Generaliser generaliser, Decisions decisions,
                         AllowedFields allowed) {
        this.allowed = Objects.requireNonNull(allowed, "allowed");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.decisions = Objects.requireNonNull(decisions, "decisions");
        this.detector = Objects.requireNonNull(detector, "detector");
        this.fields = new FieldFilter(policy, Objects.requireNonNull(consent, "consent"), detector,
                Objects.requireNonNull(pseudonymiser, "pseudonymiser"), Objects.requireNonNull(generaliser, "generaliser"));
        this.withdrawn = new WithdrawnUsers(consent);
    }

    public PrivacyPolicy policy() {
        return policy;
    }

    /** What may leave of a state report; empty when nothing may. */
    public Optional<FilteredTelemetry> filter(String deviceId, Optional<DeviceModel> model, DeviceEvent.StateReported report) {
        int[] counts = DecisionSummary.newCounts();
        if (withdrawn.mentionedIn(report.values())) return droppedForWithdrawnUser(model, report.values(), counts);
        String modelId = model.map(DeviceModel::model).orElse("");
        Map<String, Value> out = new LinkedHashMap<>();
        for (Map.Entry<String, Value> e : report.values().entrySet()) {
            String key = e.getKey();
            Value value = e.getValue();
            Optional<DeviceModel.PropertyRef> ref = model.isPresent() ? model.get().property(key) : Optional.empty();
            Optional<Value> kept;
            if (ref.isPresent()) {
                DeviceModel.PropertyRef p = ref.get();
                if (ModelValues.fits(p.property().type(), value)) {
                    String overrideKey = policy.overrideFor(modelId, p.key()).isPresent() ? p.key() : key;
                    kept = fields.declared(modelId, overrideKey, p.property().name(), p.property().dataClass(), value, counts);
                } else {
                    mismatches.once(modelId, key, "type mismatch", ModelValues.name(p.property().type()), ModelValues.kind(value));
                    kept = fields.mismatched(p.property().dataClass(), counts);
                }
            } else {
                kept = undeclared(modelId, key, value, counts);
            }
            kept.ifPresent(v -> out.put(key, v));
        }
        DecisionSummary.report(counts, decisions);
        if (out.isEmpty()) {
            decisions.recordDropped(Decisions.RecordDrop.NOTHING_LEFT);
            return Optional.empty();
        }
        return Optional.of(new FilteredTelemetry(deviceId, model.map(DeviceModel::model), out, Optional.empty(),
                report.at(), new DecisionSummary(counts)));
    }

    /** What may leave of an event: its key and the arguments the policy allows. */
    public Optional<FilteredTelemetry> filter(String deviceId, Optional<DeviceModel> model, DeviceEvent.EventTriggered event) {
        int[] counts = DecisionSummary.newCounts();
        if (withdrawn.mentionedIn(event.args()) || withdrawn.mentionedIn(event.event())) {
            return droppedForWithdrawnUser(model, event.args(), counts);
        }
        String modelId = model.map(DeviceModel::model).orElse("");
        Optional<DeviceModel.EventRef> ref = model.flatMap(m -> m.event(event.event()));
        boolean unknownStaysHome = policy.unknownFields() == UnknownFieldsMode.DROP;
        if (ref.isEmpty() && (unknownStaysHome || detector.keyContainsPersonal(event.event()))) {
            // an event the model does not declare is itself an unknown field
            DecisionReason why = unknownStaysHome ? DecisionReason.UNKNOWN_FIELD : DecisionReason.DETECTOR;
            event.args().forEach((k, v) -> DecisionSummary.add(counts, DataClass.PERSONAL, PrivacyAction.DROP, why));
            DecisionSummary.add(counts, DataClass.PERSONAL, PrivacyAction.DROP, why);
            DecisionSummary.report(counts, decisions);
            decisions.recordDropped(Decisions.RecordDrop.NOTHING_LEFT);
            return Optional.empty();
        }
        Map<String, Value> out = new LinkedHashMap<>();
        for (Map.Entry<String, Value> e : event.args().entrySet()) {
            String name = e.getKey();
            Value value = e.getValue();
            Optional<ArgSpec> spec = ref.flatMap(r -> r.event().args().stream().filter(a -> a.name().equals(name)).findFirst());
            String field = event.event() + ":" + name;
            Optional<Value> kept;
            if (spec.isEmpty()) {
                kept = model.isPresent() ? allowed.allowed(modelId, field)
                        .map(c -> fields.ownerAllowed(modelId, field, c, value, counts))
                        .orElseGet(() -> fields.undeclared(name, value, counts))
                        : fields.undeclared(name, value, counts);
            } else if (ModelValues.fits(spec.get().type(), value)) {
                kept = fields.declared(modelId, field, name, spec.get().dataClass(), value, counts);
            } else {
                mismatches.once(modelId, field, "type mismatch", ModelValues.name(spec.get().type()), ModelValues.kind(value));
                kept = fields.mismatched(spec.get().dataClass(), counts);
            }
            kept.ifPresent(v -> out.put(name, v));
        }
        DecisionSummary.report(counts, decisions);
        FilteredTelemetry.Event filtered = new FilteredTelemetry.Event(event.event(),
                ref.map(r -> r.event().name()), out);
        return Optional.of(new FilteredTelemetry(deviceId, model.map(DeviceModel::model), Map.of(), Optional.of(filtered),
                event.at(), new DecisionSummary(counts)));
    }

    /** An undeclared field: as the owner allowed it (for a model the catalog knows), else by the mode. */
    private Optional<Value> undeclared(String modelId, String key, Value value, int[] counts) {
        if (!modelId.isEmpty()) {
            Optional<DataClass> c = allowed.allowed(modelId, key);
            if (c.isPresent()) return fields.ownerAllowed(modelId, key, c.get(), value, counts);
        }
        return fields.undeclared(key, value, counts);
    }

    private Optional<FilteredTelemetry> droppedForWithdrawnUser(Optional<DeviceModel> model, Map<String, Value> values,
                                                               int[] counts) {
        for (String key : values.keySet()) {
            DataClass c = model.flatMap(m -> m.property(key)).map(p -> p.property().dataClass()).orElse(DataClass.PERSONAL);
            DecisionSummary.add(counts, c, PrivacyAction.DROP, DecisionReason.WITHDRAWN_USER);
        }
        DecisionSummary.report(counts, decisions);
        decisions.recordDropped(Decisions.RecordDrop.WITHDRAWN_USER);
        return Optional.empty();
    }
}
