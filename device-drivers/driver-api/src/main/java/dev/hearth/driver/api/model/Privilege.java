package dev.hearth.driver.api.model;

/** Privileges a user holds on a device, ordered: VIEW &lt; OPERATE &lt; MANAGE &lt; OWNER. */
public enum Privilege {
    VIEW, OPERATE, MANAGE, OWNER;

    /** Whether this privilege is at least {@code required}. */
    public boolean covers(Privilege required) {
        return compareTo(required) >= 0;
    }
}
