package dev.hearth.core.discovery;

/** Why a discovered device waits in the {@link DiscoveryInbox} instead of being adopted. */
public enum PendingReason {
    /** No key or token is configured for it. */
    NO_SECRET,
    /** Its secret is configured but it was never adopted: adopt it explicitly. */
    NOT_ADOPTED,
    /** It failed authentication (wrong key or token). */
    REFUSED
}
