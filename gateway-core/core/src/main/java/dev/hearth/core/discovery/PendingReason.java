package dev.hearth.core.discovery;

/** Why a discovered device waits in the {@link DiscoveryInbox} instead of being adopted. */
public enum PendingReason {
    /** No key or token is configured for it. */
    NO_SECRET,
    /** Its secret is configured but it was never adopted: adopt it explicitly. */
    NOT_ADOPTED,
    /** It failed authentication (wrong key or token). */
    REFUSED,
    /**
     * An adopted device's id was announced with another model (or protocol) than the one pinned at
     * adoption. The registry keeps the pinned one until the owner accepts the change.
     */
    MODEL_CHANGED,
    /**
     * Two live devices that both prove the adopted device's key answer under one id, at two
     * addresses. Both are left as they are (the adopted session keeps its address); the owner decides.
     */
    ID_COLLISION
}
