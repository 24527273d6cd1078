package dev.hearth.core.access;

import java.time.Instant;
import java.util.Optional;

/**
 * Where the access policy learns the strongest grant a user holds on a target: the cloud-era share
 * book ({@link Privileges}, {@code trust: cloud}) or the signed grants of users' own keys
 * ({@code dev.hearth.core.trust.KeyPrivileges}, {@code trust: users}).
 */
@FunctionalInterface
public interface PrivilegeSource {
    /** The strongest grant {@code user} holds on {@code target} at {@code now}, if any. */
    Optional<Grant> highest(String user, Scope target, Instant now);
}
