package dev.hearth.simulator.nativedev;

import dev.hearth.driver.api.DeviceSecret;
import dev.hearth.driver.api.model.DeviceModel;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * How to play one simulated native device.
 *
 * @param deviceId          the id it announces and proves
 * @param model             its model (from the native driver's model files)
 * @param key               its HMAC key (the gateway must hold the same)
 * @param bindAddress       where it listens: 127.0.0.1 or another loopback address
 * @param port              its TCP port; 0 picks a free one at the first start and keeps it for restarts
 * @param firmware          what it says of itself in Hello
 * @param heartbeatInterval how often it heartbeats (announced in Hello)
 * @param reportInterval    how often its sensors change and report (plug power, temperature, vacuum)
 * @param seed              seeds its behaviour, so two runs with one seed report the same values
 * @param fault             the fault it starts with ({@link Fault#NONE} normally)
 * @param protocolVersion   the LAN protocol it speaks: 2 (mutually authenticated and sealed, the default) or 1
 *                          (the insecure v1, for compatibility tests)
 */
public record SimulatedDeviceConfig(String deviceId, DeviceModel model, DeviceSecret key, InetAddress bindAddress,
                                    int port, String firmware, Duration heartbeatInterval, Duration reportInterval,
                                    long seed, Fault fault, int protocolVersion) {
    public SimulatedDeviceConfig {
        if (deviceId == null || deviceId.isBlank()) throw new IllegalArgumentException("deviceId must not be blank");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
        Objects.requireNonNull(firmware, "firmware");
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) throw new IllegalArgumentException("heartbeatInterval must be positive");
        if (reportInterval.isNegative() || reportInterval.isZero()) throw new IllegalArgumentException("reportInterval must be positive");
        Objects.requireNonNull(fault, "fault");
        if (protocolVersion != 1 && protocolVersion != 2) throw new IllegalArgumentException("protocolVersion must be 1 or 2, got " + protocolVersion);
        DeviceKind.ofModel(model.model());
    }

    /** A device with defaults: ephemeral port, firmware 1.0.0, heartbeat 5 s, reports every 2 s, no fault. */
    public static SimulatedDeviceConfig of(String deviceId, DeviceModel model, DeviceSecret key, InetAddress bindAddress) {
        return new SimulatedDeviceConfig(deviceId, model, key, bindAddress, 0, "1.0.0", Duration.ofSeconds(5),
                Duration.ofSeconds(2), deviceId.hashCode(), Fault.NONE, 2);
    }

    public SimulatedDeviceConfig withTimings(Duration heartbeat, Duration report) {
        return new SimulatedDeviceConfig(deviceId, model, key, bindAddress, port, firmware, heartbeat, report, seed, fault, protocolVersion);
    }

    public SimulatedDeviceConfig withFault(Fault f) {
        return new SimulatedDeviceConfig(deviceId, model, key, bindAddress, port, firmware, heartbeatInterval, reportInterval, seed, f, protocolVersion);
    }

    /** The same device speaking protocol {@code version} (1 or 2). */
    public SimulatedDeviceConfig withProtocolVersion(int version) {
        return new SimulatedDeviceConfig(deviceId, model, key, bindAddress, port, firmware, heartbeatInterval, reportInterval, seed, fault, version);
    }

    public SimulatedDeviceConfig withSeed(long s) {
        return new SimulatedDeviceConfig(deviceId, model, key, bindAddress, port, firmware, heartbeatInterval, reportInterval, s, fault, protocolVersion);
    }
}
