package dev.hearth.config;

/** What the privacy filter does with a field of a data class on its way out of the home. */
public enum PrivacyAction {
    KEEP, DROP, PSEUDONYMISE, GENERALISE
}
