package dev.hearth.driver.api;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An mDNS service announcement, in neutral terms (no jmdns types): service type such as
 * {@code "_hearth._tcp.local."}, instance name, addresses, port and TXT records.
 */
public record Announcement(String serviceType, String instanceName, List<InetAddress> addresses, int port,
                           Map<String, String> txt) {
    public Announcement {
        Objects.requireNonNull(serviceType, "serviceType");
        Objects.requireNonNull(instanceName, "instanceName");
        addresses = List.copyOf(addresses);
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
        txt = Map.copyOf(txt);
    }
}
