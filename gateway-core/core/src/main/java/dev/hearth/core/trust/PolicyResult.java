package dev.hearth.core.trust;

import java.util.Objects;

/** What the {@link TrustBook} did with an enrolment or a signed policy object. */
public sealed interface PolicyResult {

    /** Applied and appended to the policy log as entry {@code seq}; {@code grantId} is the grant it made or changed. */
    record Applied(long seq, String kind, String grantId) implements PolicyResult {
        public Applied {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(grantId, "grantId");
        }
    }

    /** Refused: {@code reason} is a code for replies and counters, {@code message} for people. */
    record Refused(String reason, String message) implements PolicyResult {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }
}
