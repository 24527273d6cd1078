package dev.hearth.core.discovery;

import java.net.InetAddress;
import java.net.Inet4Address;
import java.util.List;

/**
 * Where discovery listens and which devices it knows without mDNS.
 *
 * @param addresses     IPv4 addresses to run mDNS on, one jmdns each; build them from bytes
 *                      ({@code InetAddress.getByAddress(name, bytes)}) so jmdns does no reverse lookup
 * @param hostName      the gateway's mDNS host name
 * @param staticDevices devices configured by hand
 */
public record DiscoverySettings(List<InetAddress> addresses, String hostName, List<StaticDevice> staticDevices) {
    public DiscoverySettings {
        addresses = List.copyOf(addresses);
        for (InetAddress a : addresses) {
            if (!(a instanceof Inet4Address)) throw new IllegalArgumentException("mDNS runs on IPv4 addresses only: " + a);
        }
        if (hostName == null || hostName.isBlank()) throw new IllegalArgumentException("hostName must not be blank");
        staticDevices = List.copyOf(staticDevices);
        long ids = staticDevices.stream().map(StaticDevice::deviceId).distinct().count();
        if (ids != staticDevices.size()) throw new IllegalArgumentException("a static device id is listed twice");
    }
}
