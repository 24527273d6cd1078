package dev.hearth.core.cloud.command;

/**
 * Decides whether a verified command's user may do what it asks (DESIGN.md section 6). Called only
 * after the signature, home, expiry and replay checks passed. The sharing work implements it; the
 * default allows everything.
 */
@FunctionalInterface
public interface Authorizer {
    Authorization authorize(VerifiedCommand command);

    static Authorizer allowAll() {
        return c -> Authorization.allowed();
    }
}
