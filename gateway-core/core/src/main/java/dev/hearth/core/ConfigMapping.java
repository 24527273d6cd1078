package dev.hearth.core;

import dev.hearth.config.FlapDamping;

import dev.hearth.driver.api.DiscoveredDevice;

import dev.hearth.config.HearthConfig;
import dev.hearth.config.OnlineConfig;
import dev.hearth.config.SecretsFile;
import dev.hearth.core.devices.DeviceSecrets;
import dev.hearth.core.discovery.DiscoverySettings;
import dev.hearth.core.home.ConfiguredPlacement;
import dev.hearth.driver.api.DeviceDriver;
import dev.hearth.driver.api.DeviceSecret;
import dev.hearth.driver.api.DriverSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the typed configuration into the small settings records each component takes, so no
 * component depends on the configuration file's shape.
 */
final class ConfigMapping {
    /** miIO devices always listen on this UDP port. */
    static final int MIIO_PORT = 54321;

    private ConfigMapping() {
    }

    static FlapDamping online(OnlineConfig online) {
        return online.flapDamping();
    }

    static DriverSettings driverSettings(OnlineConfig online, boolean allowInsecureV1) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("miio.pollInterval", Long.toString(online.miioPollInterval().toMillis()));
        options.put("miio.probeInitial", Long.toString(online.miioProbe().initial().toMillis()));
        options.put("miio.probeMax", Long.toString(online.miioProbe().max().toMillis()));
        options.put("miio.pings", Integer.toString(online.miioProbe().pings()));
        options.put("miio.pingInterval", Long.toString(online.miioProbe().pingInterval().toMillis()));
        options.put("miio.requestTimeout", Long.toString(online.miioProbe().requestTimeout().toMillis()));
        options.put("miio.retries", Integer.toString(online.miioProbe().retries()));
        options.put("native.healthyAfterMs", Long.toString(online.nativeHealthyAfter().toMillis()));
        options.put("native.allowInsecureV1", Boolean.toString(allowInsecureV1));
        return new DriverSettings(online.heartbeatMisses(), online.commandTimeout(), online.reconnect().min(),
                online.reconnect().max(), options);
    }

    static DiscoverySettings discovery(HearthConfig config) {
        List<InetAddress> addresses = config.discovery().enabled() ? List.copyOf(config.discovery().interfaces()) : List.of();
        return new DiscoverySettings(addresses, "hearth-" + config.gateway().id(), staticDevices(config),
                config.discovery().requeryEvery());
    }

    /** The name and room of each device configured by hand that has either. */
    static Map<String, ConfiguredPlacement.Placement> placements(HearthConfig config) {
        Map<String, ConfiguredPlacement.Placement> out = new LinkedHashMap<>();
        for (dev.hearth.config.StaticDevice d : config.devices()) {
            if (d.name().isPresent() || d.room().isPresent()) out.put(d.id(), new ConfiguredPlacement.Placement(d.name(), d.room()));
        }
        return out;
    }

    /** The devices configured by hand, as discovery sees them (announced by the config, at their port). */
    static List<DiscoveredDevice> staticDevices(HearthConfig config) {
        List<DiscoveredDevice> out = new ArrayList<>();
        for (dev.hearth.config.StaticDevice d : config.devices()) {
            int port = d.address().port().orElse(d.protocol().equals("miio") ? MIIO_PORT : -1);
            if (port < 0) {
                throw new IllegalArgumentException("devices: " + d.id() + " (" + d.protocol() + ") needs a port in its address");
            }
            out.add(new DiscoveredDevice(d.id(), d.protocol(), d.model(), new InetSocketAddress(d.address().host(), port),
                    Map.of("source", "static")));
        }
        return out;
    }

    /** Every device secret: the secrets file's, then static entries' inline secrets and references. */
    /**
     * The device secrets of the secrets file, each under its id as written and, where a driver
     * normalises that id (miIO: a bare did is {@code miio-<did>}), under the normalised id too, so
     * a hand-written bare did reaches the discovered device. An entry written under the normalised
     * id wins over a bare one.
     */
    static DeviceSecrets deviceSecrets(HearthConfig config, SecretsFile file, List<DeviceDriver> drivers) {
        DeviceSecrets secrets = new DeviceSecrets();
        file.devices().forEach((id, secret) -> secrets.put(id, hex(id, secret.reveal())));
        file.devices().forEach((id, secret) -> {
            for (DeviceDriver driver : drivers) {
                String canonical = driver.canonicalId(id);
                if (!canonical.equals(id) && !file.devices().containsKey(canonical)) secrets.put(canonical, hex(id, secret.reveal()));
            }
        });
        for (dev.hearth.config.StaticDevice d : config.devices()) {
            d.secret().flatMap(file::resolve).ifPresent(s -> secrets.put(d.id(), hex(d.id(), s.reveal())));
        }
        return secrets;
    }

    private static DeviceSecret hex(String deviceId, String value) {
        try {
            return DeviceSecret.fromHex(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the secret of device " + deviceId + " is not valid: " + e.getMessage(), e);
        }
    }
}
