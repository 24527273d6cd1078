package dev.hearth.driver.nativeproto;

import dev.hearth.driver.api.Announcement;
import dev.hearth.driver.api.DiscoveredDevice;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a {@code _hearth._tcp.local.} announcement: TXT {@code id} (device id), {@code model},
 * {@code pv} (protocol version); the service port is the device's TCP port. Anything missing or
 * odd gives an empty result, never an exception.
 */
final class NativeAnnouncements {
    static final String SERVICE_TYPE = "_hearth._tcp.local.";
    private static final int MAX_TXT_LENGTH = 128;

    private NativeAnnouncements() {
    }

    static Optional<DiscoveredDevice> recognize(Announcement a) {
        if (!SERVICE_TYPE.equalsIgnoreCase(a.serviceType())) return Optional.empty();
        Optional<String> id = txt(a, "id");
        Optional<String> model = txt(a, "model");
        if (id.isEmpty() || model.isEmpty() || a.port() == 0) return Optional.empty();
        // prefer IPv4: the devices we know answer there, and link-local IPv6 needs a scope
        Optional<InetAddress> address = a.addresses().stream()
                .min(Comparator.comparing(addr -> addr instanceof Inet4Address ? 0 : 1));
        if (address.isEmpty()) return Optional.empty();
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("instance", a.instanceName());
        txt(a, "pv").ifPresent(pv -> attributes.put("protocolVersion", pv));
        return Optional.of(new DiscoveredDevice(id.get(), "native", model.get(),
                new InetSocketAddress(address.get(), a.port()), attributes));
    }

    private static Optional<String> txt(Announcement a, String key) {
        String v = a.txt().get(key);
        if (v == null) return Optional.empty();
        String s = v.strip();
        if (s.isEmpty() || s.length() > MAX_TXT_LENGTH || s.chars().anyMatch(Character::isISOControl)) return Optional.empty();
        return Optional.of(s);
    }
}
