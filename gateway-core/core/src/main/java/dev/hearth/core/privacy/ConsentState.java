package dev.hearth.core.privacy;

/**
 * The consents the privacy filter reads on every record, so implementations answer from memory.
 */
public interface ConsentState {

    /** Whether the home joined the user-experience programme (DIAGNOSTIC data may leave). */
    boolean uxProgrammeJoined();

    /** Whether this user withdrew consent (注销): nothing more is collected about them. */
    boolean withdrawn(String userId);

    /**
     * Whether any user has withdrawn. Lets the filter skip looking for withdrawn ids in the common
     * case; an implementation that cannot tell cheaply keeps the default.
     */
    default boolean anyWithdrawn() {
        return true;
    }
}
