package dev.hearth.core.access;

import dev.hearth.driver.api.model.Privilege;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a user's privilege on a target comes from: home ownership ({@code via} empty, OWNER on
 * the home) or the accepted share {@code via} over {@code scope}. {@code until} is when the grant
 * ends at the latest: the earliest expiry along the chain of shares it stands on (its own, its
 * granter's, and so on up to the owner); empty when nothing in the chain expires. {@code links}
 * is how many shares that chain holds (0 for ownership, 1 for a share the owner gave).
 */
public record Grant(Privilege privilege, Scope scope, Optional<String> via, Optional<Instant> until, int links) {
    public Grant {
        if (links < 0 || (links == 0) != via.isEmpty()) throw new IllegalArgumentException("links " + links + " contradicts via " + via);
        Objects.requireNonNull(privilege, "privilege");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(via, "via");
        Objects.requireNonNull(until, "until");
    }

    static Grant ownership() {
        return new Grant(Privilege.OWNER, Scope.HOME, Optional.empty(), Optional.empty(), 0);
    }

    /** The grant {@code share} gives when its granter's right is {@code right}. */
    static Grant through(Share share, Grant right) {
        return new Grant(share.privilege(), share.scope(), Optional.of(share.id()),
                earlier(share.expiresAt(), right.until()), right.links() + 1);
    }

    public boolean isOwnership() {
        return via.isEmpty();
    }

    /** Whether this grant lasts strictly longer than {@code other} (no end beats any end). */
    boolean outlasts(Grant other) {
        if (until.isEmpty()) return other.until.isPresent();
        return other.until.isPresent() && until.get().isAfter(other.until.get());
    }

    /** The earlier of two ends, where empty means "never". */
    static Optional<Instant> earlier(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty()) return b;
        if (b.isEmpty()) return a;
        return a.get().isBefore(b.get()) ? a : b;
    }
}
