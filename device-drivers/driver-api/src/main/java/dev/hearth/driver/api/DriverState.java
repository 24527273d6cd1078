package dev.hearth.driver.api;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A few small values a driver keeps per device across gateway restarts (miIO: where its request
 * ids stand), kept by the core in its database. Narrow on purpose: text under short keys, at most
 * {@value #MAX_KEYS_PER_DEVICE} keys per device and {@value #MAX_VALUE_LENGTH} characters per
 * value; the driver never sees the storage.
 *
 * <p>Threading: both methods may be called from any thread, an I/O thread included: they never
 * block on storage. {@link #put} is written behind (a crash may lose the last puts of the last
 * moments), so a driver that needs a value to hold after a crash stores it ahead of need.
 */
public interface DriverState {
    int MAX_KEYS_PER_DEVICE = 16;
    int MAX_VALUE_LENGTH = 256;
    /** Keys are short lower-case names, such as {@code miio.request-ids}. */
    Pattern KEY = Pattern.compile("[a-z][a-z0-9._-]{0,63}");

    /** The value last put for {@code key} of {@code deviceId}, if any. */
    Optional<String> get(String deviceId, String key);

    /**
     * Remembers {@code value} for {@code key} of {@code deviceId}. Refused (false, nothing kept) for
     * a key that is not a {@link #KEY}, a value longer than {@value #MAX_VALUE_LENGTH} characters,
     * or a new key on a device that already has {@value #MAX_KEYS_PER_DEVICE}.
     */
    boolean put(String deviceId, String key, String value);

    /** Whether {@code key} and {@code value} are within the limits every implementation applies. */
    static boolean acceptable(String key, String value) {
        return key != null && value != null && KEY.matcher(key).matches() && value.length() <= MAX_VALUE_LENGTH;
    }

    /** A store in memory only, forgotten when the process ends: for tools and tests that keep no database. */
    static DriverState inMemory() {
        return new MemoryDriverState();
    }
}
