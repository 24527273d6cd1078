package dev.hearth.core.cloud.command;

/**
 * Decides whether a verified command's user may do what it asks (DESIGN.md section 6). Called by
 * the {@link CommandExecutor} after the sender was verified (signature, gateway, home, expiry and
 * replay for the cloud; the API token for the local API). There is deliberately no default: the
 * gateway wires the audited access policy, and a bridge or executor cannot be built without one.
 */
@FunctionalInterface
public interface Authorizer {
    Authorization authorize(VerifiedCommand command);
}
