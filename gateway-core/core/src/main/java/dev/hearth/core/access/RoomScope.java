package dev.hearth.core.access;

import java.util.Objects;

/** One room, by id: covers the devices that are in it when a decision is made. */
public record RoomScope(String roomId) implements Scope {
    public RoomScope {
        Objects.requireNonNull(roomId, "roomId");
        if (roomId.isBlank()) throw new IllegalArgumentException("room id cannot be blank");
    }

    @Override
    public String key() {
        return "room:" + roomId;
    }
}
