package dev.hearth.core.cloud.command;

import dev.hearth.protocols.cloud.v1.CommandBody;

/** Test-only ways past the command gate, named so that no one mistakes them for production wiring. */
public final class TestCommands {
    /** Allows every command: for tests of the transport and the bridge, never for a gateway. */
    public static final Authorizer ALLOW_ALL_FOR_TESTS = c -> Authorization.allowed();

    private TestCommands() {
    }

    /** {@code body} taken as verified without a gate, for tests of what runs after verification. */
    public static VerifiedCommand verifiedWithoutGate(CommandBody body) {
        return new VerifiedCommand(body, VerifiedCommand.Origin.CLOUD, "test");
    }
}
