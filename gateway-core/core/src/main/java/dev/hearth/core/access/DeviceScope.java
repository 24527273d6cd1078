package dev.hearth.core.access;

import java.util.Objects;

/** One device, by its registry id. */
public record DeviceScope(String deviceId) implements Scope {
    public DeviceScope {
        Objects.requireNonNull(deviceId, "deviceId");
        if (deviceId.isBlank()) throw new IllegalArgumentException("device id cannot be blank");
    }

    @Override
    public String key() {
        return "device:" + deviceId;
    }
}
