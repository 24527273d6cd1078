package dev.hearth.core.privacy;

import dev.hearth.config.PrivacyAction;
import dev.hearth.config.UnknownFieldsMode;

import dev.hearth.driver.api.model.DataClass;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The home's rules for what leaves it (DESIGN.md section 4).
 *
 * <p>{@code actions} gives the action per {@link DataClass}; a class left out gets its default
 * (TELEMETRY keep, DIAGNOSTIC keep — still only with the home's UX-programme consent, PERSONAL drop).
 * SECRET is not configurable: it is always dropped, and a policy naming it is rejected (so
 * {@link #actions()} never lists it; {@link #actionFor} answers DROP for it).
 *
 * <p>{@code overrides} set the action for one field of one model: the key is the property key
 * {@code "siid.piid"} (or legacy name), or for an event argument {@code "siid.eiid:argName"}. An
 * override never lets a SECRET field out, and never lets a DIAGNOSTIC field out without consent.
 */
public record PrivacyPolicy(Map<DataClass, PrivacyAction> actions, Map<Target, PrivacyAction> overrides,
                            UnknownFieldsMode unknownFields) {

    /** One field of one device model. */
    public record Target(String model, String key) {
        public Target {
            if (model == null || model.isBlank()) throw new IllegalArgumentException("override model must not be blank");
            if (key == null || key.isBlank()) throw new IllegalArgumentException("override key must not be blank");
        }
    }

    public PrivacyPolicy {
        Objects.requireNonNull(actions, "actions");
        Objects.requireNonNull(overrides, "overrides");
        Objects.requireNonNull(unknownFields, "unknownFields");
        if (actions.containsKey(DataClass.SECRET)) {
            throw new IllegalArgumentException("SECRET data is always dropped; it cannot be configured");
        }
        EnumMap<DataClass, PrivacyAction> all = new EnumMap<>(DataClass.class);
        all.put(DataClass.TELEMETRY, PrivacyAction.KEEP);
        all.put(DataClass.DIAGNOSTIC, PrivacyAction.KEEP);
        all.put(DataClass.PERSONAL, PrivacyAction.DROP);
        actions.forEach((c, a) -> all.put(Objects.requireNonNull(c, "data class"), Objects.requireNonNull(a, "action of " + c)));
        actions = java.util.Collections.unmodifiableMap(all);
        overrides.forEach((t, a) -> {
            Objects.requireNonNull(t, "override target");
            Objects.requireNonNull(a, "action of " + t);
        });
        overrides = Map.copyOf(overrides);
    }

    /** TELEMETRY keep, DIAGNOSTIC keep with consent, PERSONAL drop, SECRET drop, unknown fields dropped (they stay home until the owner allows them). */
    public static PrivacyPolicy defaults() {
        return new PrivacyPolicy(Map.of(), Map.of(), UnknownFieldsMode.DROP);
    }

    /** The action for a data class; always DROP for SECRET. */
    public PrivacyAction actionFor(DataClass dataClass) {
        return dataClass == DataClass.SECRET ? PrivacyAction.DROP : actions.get(dataClass);
    }

    public Optional<PrivacyAction> overrideFor(String model, String key) {
        if (overrides.isEmpty()) return Optional.empty();
        return Optional.ofNullable(overrides.get(new Target(model, key)));
    }

    public PrivacyPolicy withAction(DataClass dataClass, PrivacyAction action) {
        Map<DataClass, PrivacyAction> a = new EnumMap<>(actions);
        a.put(dataClass, action);
        return new PrivacyPolicy(a, overrides, unknownFields);
    }

    public PrivacyPolicy withOverride(String model, String key, PrivacyAction action) {
        Map<Target, PrivacyAction> o = new HashMap<>(overrides);
        o.put(new Target(model, key), action);
        return new PrivacyPolicy(actions, o, unknownFields);
    }

    public PrivacyPolicy withUnknownFields(UnknownFieldsMode mode) {
        return new PrivacyPolicy(actions, overrides, mode);
    }
}
