package dev.hearth.config;

/**
 * What the privacy filter does with a field the device model does not describe: DETECT drops it and
 * reports it (counter, log without value); DROP drops it silently.
 */
public enum UnknownFieldsMode {
    DETECT, DROP
}
