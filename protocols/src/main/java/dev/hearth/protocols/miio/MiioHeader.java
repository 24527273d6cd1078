package dev.hearth.protocols.miio;

/**
 * The fields of a miIO packet header that carry meaning (magic, length and checksum are the
 * codec's business). Device id and stamp are unsigned 32-bit values held in a {@code long}.
 *
 * @param unknown  the 4 "unknown" bytes: 0 in ordinary packets, 0xffffffff in a hello
 * @param deviceId the device id (did)
 * @param stamp    seconds since the device started, as the device counts them
 */
public record MiioHeader(long unknown, long deviceId, long stamp) {
    public MiioHeader {
        requireUnsigned32(unknown, "unknown");
        requireUnsigned32(deviceId, "deviceId");
        requireUnsigned32(stamp, "stamp");
    }

    /** An ordinary (non-hello) header. */
    public static MiioHeader of(long deviceId, long stamp) {
        return new MiioHeader(0, deviceId, stamp);
    }

    private static void requireUnsigned32(long v, String name) {
        if (v < 0 || v > 0xffff_ffffL) throw new IllegalArgumentException(name + " is not an unsigned 32-bit value: " + v);
    }
}
