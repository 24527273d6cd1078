package dev.hearth.config;

/**
 * The home this gateway serves.
 *
 * @param id    the home's id, a topic level under {@code <topicPrefix>/}
 * @param name  a display name; defaults to the id
 * @param owner the user id of the home's owner, who holds OWNER on everything in it
 */
public record HomeConfig(String id, String name, String owner) {
    public HomeConfig {
        Checks.id(id, "home.id");
        Checks.notBlank(name, "home.name");
        Checks.notBlank(owner, "home.owner");
    }
}
