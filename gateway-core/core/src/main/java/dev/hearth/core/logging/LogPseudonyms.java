package dev.hearth.core.logging;

import java.util.Objects;
import java.util.function.Function;

/**
 * How a user id appears in a log line: as its audit-log pseudonym (the home key's HMAC, the same
 * function the audit log applies), never in clear, so the log and the audit log name a person the
 * same way and neither names them. The pseudonym is escaped like any identifier from outside.
 */
public record LogPseudonyms(Function<String, String> pseudonym) {
    public LogPseudonyms {
        Objects.requireNonNull(pseudonym, "pseudonym");
    }

    /** A log argument printing the pseudonym of {@code userId}. */
    public LogSafe of(String userId) {
        return LogSafe.of(userId == null ? null : pseudonym.apply(userId));
    }
}
