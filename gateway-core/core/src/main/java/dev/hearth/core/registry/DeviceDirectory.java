package dev.hearth.core.registry;

import java.util.List;
import java.util.Optional;

/**
 * The device facts rooms and access control need, owned by the device registry (which keeps each
 * device's name and room). Access decisions read {@link #roomOf} on every call, so a room share
 * follows devices as they move: implementations must answer from memory, without I/O.
 */
public interface DeviceDirectory {

    /** Whether the device is known to this home. */
    boolean exists(String deviceId);

    /** The id of the room the device is in now, empty when unassigned or unknown. */
    Optional<String> roomOf(String deviceId);

    /** The ids of the devices currently in {@code roomId}. */
    List<String> devicesIn(String roomId);

    /** Puts the device in a room, or takes it out of any room with an empty {@code roomId}. */
    void assign(String deviceId, Optional<String> roomId);

    /** Sets the device's display name (already checked with {@link dev.hearth.core.home.DisplayNames#problem}). */
    void rename(String deviceId, String name);
}
