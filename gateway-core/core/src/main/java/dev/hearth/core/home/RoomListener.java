package dev.hearth.core.home;

import java.util.List;

/** Told after a room is deleted, e.g. so the shares on that room end. */
@FunctionalInterface
public interface RoomListener {
    void roomDeleted(Room room, List<String> unassignedDevices);
}
