package dev.hearth.config;

/**
 * What the privacy filter does with a field the device model does not describe: DROP (the
 * default) keeps it home until the owner allows it through the unknown-field review; DETECT (opt-in)
 * lets it out when the personal-data detector finds nothing in it.
 */
public enum UnknownFieldsMode {
    DETECT, DROP
}
