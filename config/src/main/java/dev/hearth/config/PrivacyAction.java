package dev.hearth.config;

/** What the privacy filter does with a value of a data class before it may leave the home. */
public enum PrivacyAction {
    /** Send the value as it is. */
    KEEP,
    /** Send nothing. */
    DROP,
    /** Send a keyed hash of the value: stable within a home, unlinkable across homes. */
    PSEUDONYMISE,
    /** Send a coarser value (an address's network, coordinates to 2 decimals, a time to the minute); drop what cannot be made coarser. */
    GENERALISE
}
