package dev.hearth.core.access;

/**
 * Where a share is in its life: PENDING until the grantee answers, then ACCEPTED or DECLINED;
 * an accepted share ends REVOKED or EXPIRED. A granter may also withdraw a PENDING offer (REVOKED).
 */
public enum ShareState {
    PENDING, ACCEPTED, DECLINED, REVOKED, EXPIRED;

    /** Whether the share can no longer change. */
    public boolean isFinal() {
        return this == DECLINED || this == REVOKED || this == EXPIRED;
    }
}
