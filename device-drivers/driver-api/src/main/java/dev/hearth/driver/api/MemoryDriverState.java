package dev.hearth.driver.api;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@link DriverState#inMemory()}: the same limits as the core's store, and nothing written anywhere. */
final class MemoryDriverState implements DriverState {
    private final Map<String, Map<String, String>> byDevice = new HashMap<>();

    @Override
    public synchronized Optional<String> get(String deviceId, String key) {
        return Optional.ofNullable(byDevice.getOrDefault(deviceId, Map.of()).get(key));
    }

    @Override
    public synchronized boolean put(String deviceId, String key, String value) {
        if (deviceId == null || !DriverState.acceptable(key, value)) return false;
        Map<String, String> values = byDevice.computeIfAbsent(deviceId, d -> new HashMap<>());
        if (!values.containsKey(key) && values.size() >= MAX_KEYS_PER_DEVICE) return false;
        values.put(key, value);
        return true;
    }
}
