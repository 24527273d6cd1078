package dev.hearth.core.discovery;

import dev.hearth.driver.api.DiscoveredDevice;
import java.net.InetAddress;
import java.net.Inet4Address;
import java.util.List;

/**
 * Where discovery listens and which devices it knows without mDNS.
 *
 * @param addresses     IPv4 addresses to run mDNS on, one jmdns each; build them from bytes
 *                      ({@code InetAddress.getByAddress(name, bytes)}) so jmdns does no reverse lookup
 * @param hostName      the gateway's mDNS host name
 * @param staticDevices devices configured by hand (the config's {@code devices}), as if announced there
 * @param requeryEvery  how often every claimed service type is queried again (with ±20 % jitter),
 *                      so a device that came back or moved is found even when jmdns stays silent
 */
public record DiscoverySettings(List<InetAddress> addresses, String hostName, List<DiscoveredDevice> staticDevices,
                                java.time.Duration requeryEvery) {
    public static final java.time.Duration DEFAULT_REQUERY = java.time.Duration.ofSeconds(60);

    public DiscoverySettings(List<InetAddress> addresses, String hostName, List<DiscoveredDevice> staticDevices) {
        this(addresses, hostName, staticDevices, DEFAULT_REQUERY);
    }

    public DiscoverySettings {
        if (requeryEvery == null || requeryEvery.isNegative() || requeryEvery.isZero()) {
            throw new IllegalArgumentException("requeryEvery must be positive");
        }
        addresses = List.copyOf(addresses);
        for (InetAddress a : addresses) {
            if (!(a instanceof Inet4Address)) throw new IllegalArgumentException("mDNS runs on IPv4 addresses only: " + a);
        }
        if (hostName == null || hostName.isBlank()) throw new IllegalArgumentException("hostName must not be blank");
        staticDevices = List.copyOf(staticDevices);
        long ids = staticDevices.stream().map(DiscoveredDevice::deviceId).distinct().count();
        if (ids != staticDevices.size()) throw new IllegalArgumentException("a static device id is listed twice");
    }
}
