package dev.hearth.core.cloud.mqtt;

import java.util.Objects;
import java.util.Optional;

/**
 * The link as seen from outside: connected or not, the gateway session of the current (or last)
 * connection, failed attempts since the last success, why the last attempt or connection failed,
 * and the in-flight window agreed with the broker.
 */
public record LinkStatus(boolean connected, long session, int failedAttempts, Optional<String> lastError, int window) {
    public LinkStatus {
        Objects.requireNonNull(lastError, "lastError");
    }

    static LinkStatus initial() {
        return new LinkStatus(false, 0, 0, Optional.empty(), 0);
    }
}
