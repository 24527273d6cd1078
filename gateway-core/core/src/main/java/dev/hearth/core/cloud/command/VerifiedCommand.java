package dev.hearth.core.cloud.command;

import dev.hearth.protocols.cloud.v1.CommandBody;
import java.util.Objects;

/**
 * A command whose sender is proven: by an Ed25519 signature the {@link CommandGate} checked (with
 * its gateway, home, validity window and nonce), or by the local API token ({@link LocalCommands},
 * acting as the home owner). Only those two can make one: the constructor is package-private, so
 * everything after verification (authorization, audit, execution, metrics) runs on a value that
 * went through one of them. Authorization has NOT happened yet.
 */
public final class VerifiedCommand {
    /** How the sender was authenticated. */
    public enum Origin { CLOUD, LOCAL }

    private final CommandBody body;
    private final Origin origin;
    private final String keyId;

    VerifiedCommand(CommandBody body, Origin origin, String keyId) {
        this.body = Objects.requireNonNull(body, "body");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.keyId = Objects.requireNonNull(keyId, "keyId");
    }

    public CommandBody body() {
        return body;
    }

    public Origin origin() {
        return origin;
    }

    /** The trusted key that signed it, or {@code "local-api"} for the local API. */
    public String keyId() {
        return keyId;
    }

    public String user() {
        return body.getUser();
    }

    public String device() {
        return body.getDevice();
    }

    public String requestId() {
        return body.getRequestId();
    }

    @Override
    public String toString() {
        return "VerifiedCommand[" + origin + " " + body.getOperationCase().name().toLowerCase(java.util.Locale.ROOT)
                + " request " + body.getRequestId() + "]";
    }
}
