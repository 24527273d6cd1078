package dev.hearth.core.home;

import java.util.Objects;

/** A room of the home: a stable generated id and the name people see. */
public record Room(String id, String name) {
    public Room {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (id.isBlank()) throw new IllegalArgumentException("room id cannot be blank");
    }
}
