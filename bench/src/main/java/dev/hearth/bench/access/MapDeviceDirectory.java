package dev.hearth.bench.access;

import dev.hearth.core.registry.DeviceDirectory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The device registry's answers from plain maps, as the registry would give them from memory. */
public final class MapDeviceDirectory implements DeviceDirectory {
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, String> rooms = new HashMap<>();

    public void add(String deviceId, Optional<String> roomId) {
        names.put(deviceId, deviceId);
        roomId.ifPresent(r -> rooms.put(deviceId, r));
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
        rooms.forEach((d, r) -> {
            if (r.equals(roomId)) in.add(d);
        });
        return in;
    }

    @Override
    public void assign(String deviceId, Optional<String> roomId) {
        if (roomId.isPresent()) {
            rooms.put(deviceId, roomId.get());
        } else {
            rooms.remove(deviceId);
        }
    }

    @Override
    public void rename(String deviceId, String name) {
        names.put(deviceId, name);
    }
}
