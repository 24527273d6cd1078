package dev.hearth.core.devices;

import dev.hearth.driver.api.DeviceEvent;

/** Told of every event a device triggers (for the cloud bridge). Called on a driver thread; must not block. */
@FunctionalInterface
public interface DeviceEventListener {
    void eventTriggered(String deviceId, DeviceEvent.EventTriggered event);
}
