package dev.hearth.config;

/**
 * The home this gateway serves.
 *
 * @param id    the home's id, a topic level under {@code <topicPrefix>/}
 * @param name  a display name; defaults to the id
 * @param owner the user id of the home's owner, who holds OWNER on everything in it
 * @param maxShares the most shares the home keeps; an offer beyond it is refused (ended shares make room first)
 * @param trust whose signatures authorise: the users' own keys, or the cloud's (DESIGN.md section 6);
 *              empty when the file names none: then the data directory's recorded mode decides
 *              ({@code dev.hearth.core.trust.TrustModeRecord}: a new home gets USERS)
 */
public record HomeConfig(String id, String name, String owner, int maxShares, java.util.Optional<TrustMode> trust) {
    public static final int DEFAULT_MAX_SHARES = 1_000;

    public HomeConfig {
        java.util.Objects.requireNonNull(trust, "trust");
        Checks.id(id, "home.id");
        Checks.notBlank(name, "home.name");
        Checks.notBlank(owner, "home.owner");
        if (maxShares < 1) throw new IllegalArgumentException("home.maxShares must be at least 1");
    }

    public HomeConfig(String id, String name, String owner, int maxShares, TrustMode trust) {
        this(id, name, owner, maxShares, java.util.Optional.of(trust));
    }

    /**
     * With {@code trust: cloud} named: what Java callers (the demo, tests that sign with a cloud
     * key) get. A YAML file that names no mode leaves it to the data directory instead.
     */
    public HomeConfig(String id, String name, String owner, int maxShares) {
        this(id, name, owner, maxShares, TrustMode.CLOUD);
    }

    public HomeConfig(String id, String name, String owner) {
        this(id, name, owner, DEFAULT_MAX_SHARES);
    }
}
