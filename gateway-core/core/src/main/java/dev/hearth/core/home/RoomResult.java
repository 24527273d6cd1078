package dev.hearth.core.home;

import java.util.List;
import java.util.Objects;

/** The outcome of a change to the rooms: done, or refused with a reason (never an exception). */
public sealed interface RoomResult {

    /** Why a room change was refused. */
    enum Refusal { INVALID_NAME, DUPLICATE_NAME, NO_SUCH_ROOM, NO_FREE_ID }

    /**
     * The change was made. {@code room} is the room as it now is (or was, for a delete);
     * {@code unassignedDevices} lists the devices a delete left without a room (empty otherwise).
     */
    record Done(Room room, List<String> unassignedDevices) implements RoomResult {
        public Done {
            Objects.requireNonNull(room, "room");
            unassignedDevices = List.copyOf(unassignedDevices);
        }
    }

    /** The change was refused; {@code reason} is for people. */
    record Refused(Refusal code, String reason) implements RoomResult {
        public Refused {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(reason, "reason");
        }
    }

    default boolean isDone() {
        return this instanceof Done;
    }
}
