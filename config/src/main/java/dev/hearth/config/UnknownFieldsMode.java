package dev.hearth.config;

/**
 * What the privacy filter does with a field the device model does not describe (or of a device
 * with no known model): DROP (the default) keeps it home until the owner allows it through the
 * unknown-field review; DETECT (opt-in) runs the personal-data detector: a field with anything
 * personal in it is PERSONAL, a clean one is let out.
 */
public enum UnknownFieldsMode {
    DETECT, DROP
}
