package dev.hearth.config;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A per-property exception to the data-class actions.
 *
 * @param model    the device model id
 * @param property {@code siid.piid}, e.g. {@code 3.2}
 * @param action   what to do with it instead
 */
public record PrivacyOverride(String model, String property, PrivacyAction action) {
    static final Pattern PROPERTY = Pattern.compile("[1-9][0-9]{0,4}\\.[1-9][0-9]{0,4}");

    public PrivacyOverride {
        Checks.notBlank(model, "model");
        Objects.requireNonNull(property, "property");
        if (!PROPERTY.matcher(property).matches()) throw new IllegalArgumentException("property must be siid.piid");
        Objects.requireNonNull(action, "action");
    }

    public int siid() {
        return Integer.parseInt(property.substring(0, property.indexOf('.')));
    }

    public int piid() {
        return Integer.parseInt(property.substring(property.indexOf('.') + 1));
    }
}
