package dev.hearth.core.privacy;

/** What happens to a field the device model does not declare (or of a device with no known model). */
public enum UnknownFieldMode {
    /** Run the detector: a field with anything personal in it is PERSONAL, a clean one is kept. */
    DETECT,
    /** Drop every undeclared field. */
    DROP
}
