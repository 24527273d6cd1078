package dev.hearth.core.trust;

import com.google.protobuf.ByteString;
import dev.hearth.core.access.Scope;
import dev.hearth.driver.api.model.Privilege;
import java.time.Instant;
import java.util.Objects;

/**
 * A grant signed by its granter's key (DESIGN.md section 6): {@code privilege} over {@code scope}
 * to {@code grantee}, from {@code notBefore} (inclusive) to {@code expires} (exclusive: at that
 * instant it grants nothing). {@code hash} is SHA-256 of the signed body bytes, what the grantee's
 * accept names. Whether it counts at a decision is the chain check's ({@link KeyPrivileges}).
 */
public record KeyGrant(String id, UserKey granter, UserKey grantee, Privilege privilege, Scope scope,
                       Instant notBefore, Instant expires, ByteString hash, GrantState state) {
    public KeyGrant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(granter, "granter");
        Objects.requireNonNull(grantee, "grantee");
        Objects.requireNonNull(privilege, "privilege");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(state, "state");
        if (!expires.isAfter(notBefore)) throw new IllegalArgumentException("a grant must expire after it starts");
        if (privilege == Privilege.OWNER && !(scope.equals(Scope.HOME))) throw new IllegalArgumentException("OWNER is granted on the home only");
    }

    /** Whether it is within its time at {@code now}: notBefore &lt;= now &lt; expires. */
    public boolean inTimeAt(Instant now) {
        return !now.isBefore(notBefore) && now.isBefore(expires);
    }

    /** Accepted and within its time at {@code now} (its chain is checked separately). */
    public boolean activeAt(Instant now) {
        return state == GrantState.ACCEPTED && inTimeAt(now);
    }

    public KeyGrant withState(GrantState next) {
        return new KeyGrant(id, granter, grantee, privilege, scope, notBefore, expires, hash, next);
    }
}
