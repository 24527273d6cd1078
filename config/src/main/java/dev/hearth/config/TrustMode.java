package dev.hearth.config;

/**
 * {@code home.trust}: whose signatures authorise anything in the home (DESIGN.md section 6).
 * USERS: only objects signed by users' own keys (owner keys enrolled at the gateway, grants signed
 * by their granters, commands by their users); the cloud relays. CLOUD: the cloud's command key
 * speaks for every user, as before issue 16; kept for existing deployments, warned about at start.
 * A YAML configuration that names none leaves it to the data directory: a new home gets USERS, a
 * home whose data directory predates the setting keeps CLOUD (recorded there at its first start).
 */
public enum TrustMode {
    USERS, CLOUD
}
