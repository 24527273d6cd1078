package dev.hearth.core.online;

/** A device's online status (DESIGN.md section 5). */
public enum OnlineStatus {
    /** Not heard from since the gateway started (or ever). */
    UNKNOWN,
    ONLINE,
    OFFLINE
}
