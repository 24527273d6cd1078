package dev.hearth.core.cloud.command;

import dev.hearth.protocols.cloud.v1.CommandBody;
import java.util.Objects;

/** A command whose signature, home, validity window and nonce were checked; {@code keyId} signed it. */
public record VerifiedCommand(CommandBody body, String keyId) {
    public VerifiedCommand {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(keyId, "keyId");
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
}
