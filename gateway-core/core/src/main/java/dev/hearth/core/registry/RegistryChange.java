package dev.hearth.core.registry;

import dev.hearth.driver.api.value.Value;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** A change to the registry, as told to {@link RegistryListener}s. */
public sealed interface RegistryChange {

    String deviceId();

    /** A device was adopted for the first time. */
    record DeviceAdded(DeviceRecord device) implements RegistryChange {
        public DeviceAdded { Objects.requireNonNull(device, "device"); }
        @Override public String deviceId() { return device.id(); }
    }

    /** Name, room, model or address changed. */
    record DeviceUpdated(DeviceRecord device) implements RegistryChange {
        public DeviceUpdated { Objects.requireNonNull(device, "device"); }
        @Override public String deviceId() { return device.id(); }
    }

    record DeviceRemoved(String deviceId) implements RegistryChange {
        public DeviceRemoved { Objects.requireNonNull(deviceId, "deviceId"); }
    }

    /** The device reported values; {@code changed} holds only the keys whose value differs from before. */
    record StateChanged(DeviceRecord device, Map<String, Value> changed) implements RegistryChange {
        public StateChanged {
            Objects.requireNonNull(device, "device");
            changed = Collections.unmodifiableMap(new LinkedHashMap<>(changed));
        }
        @Override public String deviceId() { return device.id(); }
    }

    /** The published availability changed ({@link DeviceRecord#availability()}). */
    record AvailabilityChanged(DeviceRecord device) implements RegistryChange {
        public AvailabilityChanged { Objects.requireNonNull(device, "device"); }
        @Override public String deviceId() { return device.id(); }
    }
}
