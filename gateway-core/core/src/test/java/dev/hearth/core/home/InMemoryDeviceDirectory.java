package dev.hearth.core.home;

import dev.hearth.core.registry.DeviceDirectory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link DeviceDirectory} held in maps, standing in for the device registry in tests. */
public final class InMemoryDeviceDirectory implements DeviceDirectory {
    private final Map<String, String> names = new ConcurrentHashMap<>();
    private final Map<String, String> rooms = new ConcurrentHashMap<>();

    /** Adds a device, optionally in a room. */
    public InMemoryDeviceDirectory add(String deviceId, Optional<String> roomId) {
        names.put(deviceId, deviceId);
        roomId.ifPresent(r -> rooms.put(deviceId, r));
        return this;
    }

    public Optional<String> nameOf(String deviceId) {
        return Optional.ofNullable(names.get(deviceId));
    }

    @Override
    public boolean exists(String deviceId) {
        return names.containsKey(deviceId);
    }

    @Override
    public Optional<String> roomOf(String deviceId) {
        return Optional.ofNullable(rooms.get(deviceId));
    }

    @Override
    public List<String> devicesIn(String roomId) {
        List<String> in = new ArrayList<>();
        rooms.forEach((device, room) -> {
            if (room.equals(roomId)) in.add(device);
        });
        in.sort(null);
        return in;
    }

    @Override
    public void assign(String deviceId, Optional<String> roomId) {
        if (!exists(deviceId)) throw new IllegalArgumentException("no device " + deviceId);
        if (roomId.isPresent()) {
            rooms.put(deviceId, roomId.get());
        } else {
            rooms.remove(deviceId);
        }
    }

    @Override
    public void rename(String deviceId, String name) {
        if (!exists(deviceId)) throw new IllegalArgumentException("no device " + deviceId);
        names.put(deviceId, name);
    }
}
