package dev.hearth.driver.miio;

import dev.hearth.driver.api.DriverSettings;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The miIO driver's timing, from {@link DriverSettings#options()} ({@code miio.*} keys, durations
 * as ISO-8601 {@code PT10S} or plain milliseconds) with defaults modelled on Xiaomi's LAN client.
 *
 * @param pollInterval     how often properties are read ({@code miio.pollInterval}, 10 s)
 * @param probeInitial     first quiet-time probe delay; doubles per answered probe ({@code miio.probeInitial}, 5 s)
 * @param probeMax         the longest probe delay, also the cap of offline re-probing ({@code miio.probeMax}, 60 s)
 * @param pings            pings after an unanswered probe before OFFLINE ({@code miio.pings}, 3)
 * @param pingInterval     time between those pings ({@code miio.pingInterval}, 3 s)
 * @param requestTimeout   time one attempt waits for its reply ({@code miio.requestTimeout}, 2 s)
 * @param retries          further attempts, each with a new id ({@code miio.retries}, 2)
 * @param maxInFlight      requests a device has outstanding at once ({@code miio.maxInFlight}, 1: real
 *                         devices and python-miio take one at a time)
 * @param maxQueued        requests waiting behind those; more is BUSY ({@code miio.maxQueued}, 32)
 * @param maxPropsPerRequest properties one {@code get_prop} / {@code get_properties} asks for
 *                         ({@code miio.maxPropsPerRequest}, 15 as python-miio: devices take at most 16)
 * @param rehandshakeAfter idle time after which the stamp is re-learnt with a hello ({@code miio.rehandshakeAfter}, 120 s)
 */
public record MiioOptions(Duration pollInterval, Duration probeInitial, Duration probeMax, int pings,
                          Duration pingInterval, Duration requestTimeout, int retries, int maxInFlight,
                          int maxQueued, int maxPropsPerRequest, Duration rehandshakeAfter) {

    public MiioOptions {
        requirePositive(pollInterval, "miio.pollInterval");
        requirePositive(probeInitial, "miio.probeInitial");
        requirePositive(probeMax, "miio.probeMax");
        if (probeMax.compareTo(probeInitial) < 0) throw new IllegalArgumentException("miio.probeMax must be at least miio.probeInitial");
        if (pings < 1) throw new IllegalArgumentException("miio.pings must be at least 1");
        requirePositive(pingInterval, "miio.pingInterval");
        requirePositive(requestTimeout, "miio.requestTimeout");
        if (retries < 0) throw new IllegalArgumentException("miio.retries must not be negative");
        if (maxInFlight < 1) throw new IllegalArgumentException("miio.maxInFlight must be at least 1");
        if (maxQueued < 0) throw new IllegalArgumentException("miio.maxQueued must not be negative");
        if (maxPropsPerRequest < 1) throw new IllegalArgumentException("miio.maxPropsPerRequest must be at least 1");
        requirePositive(rehandshakeAfter, "miio.rehandshakeAfter");
    }

    public static MiioOptions defaults() {
        return from(Map.of());
    }

    /** Reads the options; a bad value is an IllegalArgumentException naming the key. */
    public static MiioOptions from(Map<String, String> o) {
        return new MiioOptions(
                duration(o, "miio.pollInterval", Duration.ofSeconds(10)),
                duration(o, "miio.probeInitial", Duration.ofSeconds(5)),
                duration(o, "miio.probeMax", Duration.ofSeconds(60)),
                integer(o, "miio.pings", 3),
                duration(o, "miio.pingInterval", Duration.ofSeconds(3)),
                duration(o, "miio.requestTimeout", Duration.ofSeconds(2)),
                integer(o, "miio.retries", 2),
                integer(o, "miio.maxInFlight", 1),
                integer(o, "miio.maxQueued", 32),
                integer(o, "miio.maxPropsPerRequest", 15),
                duration(o, "miio.rehandshakeAfter", Duration.ofSeconds(120)));
    }

    /**
     * These options for a device of {@code model}: the model file's {@code miio.maxInFlight} and
     * {@code miio.maxPropsPerRequest} (what the device can take) replace the driver-wide ones.
     */
    public MiioOptions forModel(Map<String, String> modelOptions) {
        int inFlight = integer(modelOptions, "miio.maxInFlight", maxInFlight);
        int props = integer(modelOptions, "miio.maxPropsPerRequest", maxPropsPerRequest);
        return new MiioOptions(pollInterval, probeInitial, probeMax, pings, pingInterval, requestTimeout, retries,
                inFlight, maxQueued, props, rehandshakeAfter);
    }

    private static Duration duration(Map<String, String> o, String key, Duration fallback) {
        String v = o.get(key);
        if (v == null) return fallback;
        try {
            return v.chars().allMatch(Character::isDigit) && !v.isEmpty() ? Duration.ofMillis(Long.parseLong(v)) : Duration.parse(v);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a duration such as PT10S or a number of milliseconds, not '" + v + "'");
        }
    }

    private static int integer(Map<String, String> o, String key, int fallback) {
        String v = o.get(key);
        if (v == null) return fallback;
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not '" + v + "'");
        }
    }

    private static void requirePositive(Duration d, String key) {
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(key + " must be positive");
    }
}
