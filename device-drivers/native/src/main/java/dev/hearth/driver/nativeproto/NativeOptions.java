package dev.hearth.driver.nativeproto;

import dev.hearth.driver.api.DriverSettings;
import java.time.Duration;
import java.util.Map;

/**
 * The native driver's own options, read from {@link DriverSettings#options()} (all optional):
 * <ul>
 *   <li>{@code native.ioThreads} (1): event-loop threads shared by every device, 1 or 2</li>
 *   <li>{@code native.maxFrameBytes} (65536): larger frames are malformed and close the connection</li>
 *   <li>{@code native.floodMessagesPerSecond} (200): more from one device and it is paused</li>
 *   <li>{@code native.floodStrikes} (5): flooded seconds in a row before the device is disconnected</li>
 *   <li>{@code native.maxInFlight} (16): commands awaiting a result per device; more are BUSY</li>
 *   <li>{@code native.handshakeTimeoutMs} (10000): time from connect to Welcome</li>
 *   <li>{@code native.defaultHeartbeatMs} (30000): used when a device announces no interval</li>
 *   <li>{@code native.gatewayId} ("hearth"): sent in Welcome</li>
 *   <li>{@code native.allowInsecureV1} (false): accept devices that only speak the unsealed protocol v1
 *       (from {@code devices.allowInsecureV1})</li>
 *   <li>{@code native.healthyAfterMs} (30000): a session must stay up this long before the reconnect
 *       backoff starts again from its minimum (from {@code online.nativeHealthyAfter})</li>
 * </ul>
 */
record NativeOptions(int ioThreads, int maxFrameBytes, int floodMessagesPerSecond, int floodStrikes, int maxInFlight,
                     Duration handshakeTimeout, Duration defaultHeartbeat, String gatewayId, boolean allowInsecureV1,
                     Duration healthyAfter) {

    static NativeOptions from(DriverSettings settings) {
        Map<String, String> o = settings.options();
        return new NativeOptions(
                integer(o, "native.ioThreads", 1, 1, 2),
                integer(o, "native.maxFrameBytes", 64 * 1024, 1024, 16 * 1024 * 1024),
                integer(o, "native.floodMessagesPerSecond", 200, 1, 1_000_000),
                integer(o, "native.floodStrikes", 5, 1, 1000),
                integer(o, "native.maxInFlight", 16, 1, 10_000),
                Duration.ofMillis(integer(o, "native.handshakeTimeoutMs", 10_000, 10, 600_000)),
                Duration.ofMillis(integer(o, "native.defaultHeartbeatMs", 30_000, 10, 3_600_000)),
                o.getOrDefault("native.gatewayId", "hearth"),
                bool(o, "native.allowInsecureV1"),
                Duration.ofMillis(integer(o, "native.healthyAfterMs", 30_000, 0, 86_400_000)));
    }

    private static boolean bool(Map<String, String> options, String key) {
        String raw = options.get(key);
        if (raw == null) return false;
        return switch (raw.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("option " + key + " must be true or false, got '" + raw + "'");
        };
    }

    private static int integer(Map<String, String> options, String key, int fallback, int min, int max) {
        String raw = options.get(key);
        if (raw == null) return fallback;
        int v;
        try {
            v = Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + key + " must be a whole number, got '" + raw + "'");
        }
        if (v < min || v > max) throw new IllegalArgumentException("option " + key + " must be in [" + min + ", " + max + "], got " + v);
        return v;
    }
}
