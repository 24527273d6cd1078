package dev.hearth.core.discovery;

import dev.hearth.driver.api.Announcement;
import dev.hearth.driver.api.DiscoveredDevice;

/** What {@link MdnsDiscovery} tells the core. Called from jmdns threads; must not block. */
public interface DiscoveryListener {

    /** A driver recognised an announcement (new, repeated, or with a new address). */
    void discovered(DiscoveredDevice device, Announcement announcement);

    /** A device's service was withdrawn (mDNS goodbye, or its records expired). */
    void goodbye(String deviceId);
}
