package dev.hearth.core.home;

import java.util.Objects;

/** The one home a gateway serves, and the user id of its owner (who holds OWNER on everything). */
public record Home(String id, String owner) {
    public Home {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        if (id.isBlank()) throw new IllegalArgumentException("home id cannot be blank");
        if (owner.isBlank()) throw new IllegalArgumentException("owner cannot be blank");
    }
}
