package dev.hearth.core.trust;

/** A signed grant's life: PENDING until its grantee's signed accept, then ACCEPTED; DECLINED and REVOKED are final. */
public enum GrantState {
    PENDING, ACCEPTED, DECLINED, REVOKED;

    public boolean isFinal() {
        return this == DECLINED || this == REVOKED;
    }
}
