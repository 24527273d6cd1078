package dev.hearth.core.discovery;

import dev.hearth.driver.api.DiscoveredDevice;

/** What {@link Adoption} asks of the session table (implemented by {@code dev.hearth.core.devices.SessionTable}). */
public interface SessionControl {

    /** Whether the device has an open session. */
    boolean isOpen(String deviceId);

    /** Adopts the device: records it in the registry and opens its session. */
    void open(DiscoveredDevice device);

    /** An adopted device announced itself again, perhaps at a new address. */
    void rediscovered(DiscoveredDevice device);

    /** An adopted device said goodbye on mDNS: close its session, OFFLINE with MDNS_GOODBYE. */
    void goodbye(String deviceId);
}
