package dev.hearth.core.discovery;

import dev.hearth.driver.api.DiscoveredDevice;

/** What {@link Adoption} asks of the session table (implemented by {@code dev.hearth.core.devices.SessionTable}). */
public interface SessionControl {

    /** Whether the device has an open session. */
    boolean isOpen(String deviceId);

    /** Adopts the device: records it in the registry and opens its session. */
    void open(DiscoveredDevice device);

    /**
     * An adopted device announced itself again, perhaps at a new address: a claim, which takes
     * effect only once the device authenticates there.
     */
    void rediscovered(DiscoveredDevice device);

    /**
     * An adopted device's mDNS service was withdrawn (goodbye or expiry): check by unicast; OFFLINE
     * MDNS_GOODBYE only if the device does not answer. The session stays open either way.
     */
    void goodbye(String deviceId);

    /** Closes the device's session and opens it again as {@code device} (its model was re-pinned). */
    void reopen(DiscoveredDevice device);
}
