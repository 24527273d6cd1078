package dev.hearth.core.discovery;

/** The outcome of an explicit {@link Adoption#adopt(String)}. */
public enum AdoptResult {
    ADOPTED,
    /** The device already has a session. */
    ALREADY_ADOPTED,
    /** No such device in the discovery inbox. */
    NOT_DISCOVERED,
    /** Its key or token is still missing: provide it first. */
    NO_SECRET
}
