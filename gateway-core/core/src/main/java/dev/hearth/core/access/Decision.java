package dev.hearth.core.access;

import dev.hearth.driver.api.model.Privilege;
import java.util.Objects;
import java.util.Optional;

/**
 * An access decision and why: a {@link Code} for programs, a {@code reason} for people (it names
 * the user, so it is for the user's own error message; the audit log writes the structured parts
 * with the user pseudonymised instead), and the parts themselves.
 *
 * @param grant the strongest grant the user holds on the target, if any
 */
public record Decision(boolean allowed, Code code, String reason, String user, Scope target,
                       Operation operation, Optional<Grant> grant) {

    /** Why a decision went the way it did. */
    public enum Code {
        /** Allowed: the user owns the home. */
        OWNER,
        /** Allowed: a share gives enough privilege. */
        SHARED,
        /** Denied: the user holds a privilege on the target, but less than the operation needs. */
        INSUFFICIENT_PRIVILEGE,
        /** Denied: the user holds nothing on the target. */
        NO_ACCESS,
        /** Denied: the device or room is not in this home. */
        UNKNOWN_TARGET,
        /** Denied: the operation does not apply to this kind of target. */
        WRONG_TARGET
    }

    public Decision {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(grant, "grant");
        if (allowed != (code == Code.OWNER || code == Code.SHARED)) {
            throw new IllegalArgumentException("code " + code + " contradicts allowed=" + allowed);
        }
    }

    /** The privilege the user holds on the target, if any. */
    public Optional<Privilege> held() {
        return grant.map(Grant::privilege);
    }
}
