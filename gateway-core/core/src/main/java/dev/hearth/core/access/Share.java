package dev.hearth.core.access;

import dev.hearth.driver.api.model.Privilege;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A grant of {@code privilege} over {@code scope} from {@code granter} to {@code grantee}. It
 * grants anything only while ACCEPTED and before {@code expiresAt}: at {@code expiresAt} itself it
 * grants nothing. A share never grants OWNER.
 */
public record Share(String id, String granter, String grantee, Scope scope, Privilege privilege,
                   Instant createdAt, Optional<Instant> expiresAt, ShareState state) {
    public Share {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(granter, "granter");
        Objects.requireNonNull(grantee, "grantee");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(privilege, "privilege");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(state, "state");
        if (id.isBlank()) throw new IllegalArgumentException("share id cannot be blank");
        if (privilege == Privilege.OWNER) throw new IllegalArgumentException("a share cannot grant OWNER");
    }

    /** Whether the share has expired at {@code now} (expiry is exact: expired at expiresAt). */
    public boolean expiredAt(Instant now) {
        return expiresAt.isPresent() && !now.isBefore(expiresAt.get());
    }

    /** The state as seen at {@code now}: a live share past its expiry reads EXPIRED. */
    public ShareState stateAt(Instant now) {
        return !state.isFinal() && expiredAt(now) ? ShareState.EXPIRED : state;
    }

    /** Whether the share grants its privilege at {@code now}. */
    public boolean grantsAt(Instant now) {
        return state == ShareState.ACCEPTED && !expiredAt(now);
    }

    public Share withState(ShareState next) {
        return new Share(id, granter, grantee, scope, privilege, createdAt, expiresAt, next);
    }

    public Share withGranter(String newGranter) {
        return new Share(id, newGranter, grantee, scope, privilege, createdAt, expiresAt, state);
    }
}
