package dev.hearth.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * mDNS discovery.
 *
 * @param enabled      whether to browse at all
 * @param interfaces   IPv4 addresses to bind one JmDNS each to; built with
 *                     {@code InetAddress.getByAddress(text, bytes)}, so using them never does a DNS lookup
 * @param serviceTypes extra service types to browse ({@code _name._tcp.local.}), beside those drivers declare
 */
public record DiscoveryConfig(boolean enabled, List<Inet4Address> interfaces, List<String> serviceTypes) {
    public DiscoveryConfig {
        interfaces = List.copyOf(interfaces);
        serviceTypes = List.copyOf(serviceTypes);
        if (enabled && interfaces.isEmpty()) throw new IllegalArgumentException("discovery needs at least one interface");
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
