package dev.hearth.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The privacy filter's rules.
 *
 * @param uxProgramme   the home's initial UX-programme consent (diagnostic data leaves only with it)
 * @param unknownFields what to do with fields the device model does not describe
 * @param retention     how long personal data is kept in the home before deletion or anonymisation
 * @param classes       action per data class
 * @param overrides     per-property exceptions; at most one per model and property
 */
public record PrivacyConfig(boolean uxProgramme, UnknownFieldsMode unknownFields, Duration retention,
                            DataClassActions classes, List<PrivacyOverride> overrides) {
    public PrivacyConfig {
        Objects.requireNonNull(unknownFields, "unknownFields");
        Checks.positive(retention, "retention");
        Objects.requireNonNull(classes, "classes");
        overrides = List.copyOf(overrides);
    }

    public static PrivacyConfig defaults() {
        return new PrivacyConfig(false, UnknownFieldsMode.DROP, Duration.ofDays(30), DataClassActions.defaults(),
                List.of());
    }

    /** The override for this model's property, if any. */
    public Optional<PrivacyAction> overrideFor(String model, int siid, int piid) {
        return overrides.stream()
                .filter(o -> o.model().equals(model) && o.siid() == siid && o.piid() == piid)
                .map(PrivacyOverride::action)
                .findFirst();
    }
}
