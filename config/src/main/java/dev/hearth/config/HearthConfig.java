package dev.hearth.config;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole gateway configuration, as loaded and validated by {@link ConfigLoader}. Every optional
 * setting holds its default; secrets are {@link Secret}s, so {@code toString()} is safe to log.
 * {@code allowInsecureV1} is {@code devices.allowInsecureV1}: accept native devices that only speak
 * the unsealed LAN protocol v1 (default false).
 */
public record HearthConfig(HomeConfig home, GatewayConfig gateway, DiscoveryConfig discovery,
                           List<StaticDevice> devices, CloudConfig cloud, HttpConfig http, PrivacyConfig privacy,
                           OnlineConfig online, boolean allowInsecureV1) {
    public HearthConfig {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(gateway, "gateway");
        Objects.requireNonNull(discovery, "discovery");
        devices = List.copyOf(devices);
        var ids = new HashSet<String>();
        for (StaticDevice d : devices) {
            if (!ids.add(d.id())) throw new IllegalArgumentException("duplicate device id " + d.id());
        }
        Objects.requireNonNull(cloud, "cloud");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(privacy, "privacy");
        Objects.requireNonNull(online, "online");
    }

    /** With {@code devices.allowInsecureV1} false, its default. */
    public HearthConfig(HomeConfig home, GatewayConfig gateway, DiscoveryConfig discovery, List<StaticDevice> devices,
                        CloudConfig cloud, HttpConfig http, PrivacyConfig privacy, OnlineConfig online) {
        this(home, gateway, discovery, devices, cloud, http, privacy, online, false);
    }

    /** Every section at its defaults (cloud disabled, no static devices): for tests and the demo. */
    public static HearthConfig defaults(String homeId, String gatewayId, String owner) {
        return new HearthConfig(new HomeConfig(homeId, homeId, owner), GatewayConfig.defaults(gatewayId),
                DiscoveryConfig.defaults(), List.of(), CloudConfig.defaults(gatewayId), HttpConfig.defaults(),
                PrivacyConfig.defaults(), OnlineConfig.defaults());
    }

    /** This configuration with {@code devices} as its static devices (ids made canonical by the gateway). */
    public HearthConfig withDevices(List<StaticDevice> devices) {
        return new HearthConfig(home, gateway, discovery, devices, cloud, http, privacy, online, allowInsecureV1);
    }

    /** The static device with this id, if any. */
    public Optional<StaticDevice> device(String id) {
        return devices.stream().filter(d -> d.id().equals(id)).findFirst();
    }
}
