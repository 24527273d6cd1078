package dev.hearth.core.access;

import dev.hearth.driver.api.model.Privilege;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a user's privilege on a target comes from: home ownership ({@code via} empty, OWNER on
 * the home) or the accepted share {@code via} over {@code scope}.
 */
public record Grant(Privilege privilege, Scope scope, Optional<String> via) {
    public Grant {
        Objects.requireNonNull(privilege, "privilege");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(via, "via");
    }

    static Grant ownership() {
        return new Grant(Privilege.OWNER, Scope.HOME, Optional.empty());
    }

    static Grant of(Share share) {
        return new Grant(share.privilege(), share.scope(), Optional.of(share.id()));
    }

    public boolean isOwnership() {
        return via.isEmpty();
    }
}
