package dev.hearth.core.privacy;

import java.util.Locale;

/** Why the privacy filter decided a field as it did: the {@code reason} tag of its decision counter. */
public enum DecisionReason {
    /** The model declares the field: its data class and the policy decided. */
    DECLARED,
    /** The model declares the field, but the value's type or shape is not the declared one: dropped. */
    TYPE_MISMATCH,
    /** Not declared, dropped because unknown fields stay home (the default mode). */
    UNKNOWN_FIELD,
    /** Not declared, decided by the detector (the opt-in detect mode). */
    DETECTOR,
    /** Not declared, but the owner allowed it as TELEMETRY or DIAGNOSTIC. */
    OWNER_ALLOWED,
    /** The record named a user who withdrew consent. */
    WITHDRAWN_USER;

    /** The tag value: lower case, e.g. {@code type_mismatch}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
