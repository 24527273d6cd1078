package dev.hearth.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

/**
 * mDNS discovery.
 *
 * @param enabled      whether to browse at all
 * @param interfaces   IPv4 addresses to bind one JmDNS each to; built with
 *                     {@code InetAddress.getByAddress(text, bytes)}, so using them never does a DNS lookup
 * @param serviceTypes extra service types to browse ({@code _name._tcp.local.}), beside those drivers declare
 * @param requeryEvery how often every claimed service type is queried again (±20 % jitter)
 * @param inboxMaxEntries  how many entries the discovery inbox holds at most
 * @param inboxExpireAfter how long an inbox entry stays without being seen again
 */
public record DiscoveryConfig(boolean enabled, List<Inet4Address> interfaces, List<String> serviceTypes,
                              Duration requeryEvery, int inboxMaxEntries, Duration inboxExpireAfter) {
    public static final Duration DEFAULT_REQUERY = Duration.ofSeconds(60);
    public static final int DEFAULT_INBOX_MAX = 256;
    public static final Duration DEFAULT_INBOX_EXPIRY = Duration.ofHours(24);

    public DiscoveryConfig {
        interfaces = List.copyOf(interfaces);
        serviceTypes = List.copyOf(serviceTypes);
        if (enabled && interfaces.isEmpty()) throw new IllegalArgumentException("discovery needs at least one interface");
        if (requeryEvery.isNegative() || requeryEvery.isZero()) throw new IllegalArgumentException("requeryEvery must be positive");
        if (inboxMaxEntries < 1) throw new IllegalArgumentException("inboxMaxEntries must be at least 1");
        if (inboxExpireAfter.isNegative() || inboxExpireAfter.isZero()) throw new IllegalArgumentException("inboxExpireAfter must be positive");
    }

    public DiscoveryConfig(boolean enabled, List<Inet4Address> interfaces, List<String> serviceTypes) {
        this(enabled, interfaces, serviceTypes, DEFAULT_REQUERY, DEFAULT_INBOX_MAX, DEFAULT_INBOX_EXPIRY);
    }

    public static DiscoveryConfig defaults() {
        return new DiscoveryConfig(true, List.of(loopback()), List.of());
    }

    /** 127.0.0.1, made without any lookup. */
    public static Inet4Address loopback() {
        try {
            return (Inet4Address) InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
