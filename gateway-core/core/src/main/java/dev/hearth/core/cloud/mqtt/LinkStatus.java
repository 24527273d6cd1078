package dev.hearth.core.cloud.mqtt;

import java.util.Objects;
import java.util.Optional;

/**
 * The link as seen from outside: connected or not, the gateway session of the current (or last)
 * connection, failed attempts since the last success, why the last attempt or connection failed,
 * the in-flight window agreed with the broker, and the broker node the link is on (or tries next).
 */
public record LinkStatus(boolean connected, long session, int failedAttempts, Optional<String> lastError, int window, String broker) {
    public LinkStatus {
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(broker, "broker");
    }

    static LinkStatus initial(String broker) {
        return new LinkStatus(false, 0, 0, Optional.empty(), 0, broker);
    }
}
