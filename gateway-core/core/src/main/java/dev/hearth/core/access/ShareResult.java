package dev.hearth.core.access;

import java.util.Objects;

/** The outcome of a change to a share: done, or refused with a reason (never an exception). */
public sealed interface ShareResult {

    /** Why a share change was refused. */
    enum Refusal {
        /** The actor lacks the privilege (MANAGE on the scope; or is not granter/owner/manager). */
        NOT_ALLOWED,
        /** The share would grant more than the granter holds. */
        EXCEEDS_GRANTER,
        /** OWNER cannot be shared: ownership moves only with a change of owner. */
        OWNER_NOT_SHAREABLE,
        /** The request itself is wrong: blank or same user, expiry not in the future. */
        INVALID,
        /** The device or room is not in this home. */
        UNKNOWN_TARGET,
        NO_SUCH_SHARE,
        /** Only the grantee may accept or decline. */
        NOT_GRANTEE,
        /** The share is not in a state that allows this (e.g. accepting a declined share). */
        WRONG_STATE,
        /** The share expired before it could be answered or revoked. */
        EXPIRED,
        /** The home holds as many shares as it may ({@code maxShares} of {@link ShareBook#open}). */
        LIMIT_REACHED
    }

    record Done(Share share) implements ShareResult {
        public Done {
            Objects.requireNonNull(share, "share");
        }
    }

    record Refused(Refusal code, String reason) implements ShareResult {
        public Refused {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(reason, "reason");
        }
    }

    default boolean isDone() {
        return this instanceof Done;
    }
}
