package dev.hearth.core.discovery;

/** The outcome of {@link Adoption#acceptModel(String)}. */
public enum ModelChangeResult {
    /** The registry now pins the announced model and the session was opened again for it. */
    ACCEPTED,
    /** The inbox holds no MODEL_CHANGED entry for the device. */
    NO_MODEL_CHANGE,
    /** The device is configured under {@code devices:}: its model is the config's; change it there. */
    PINNED_BY_CONFIG,
    /** The announcement claims another protocol: that is another device, not a model change. */
    PROTOCOL_DIFFERS
}
