package dev.hearth.driver.api;

import java.util.Objects;

/**
 * Why a command could not be carried out at all. Sessions complete a command's stage
 * exceptionally with this; the core maps {@link Code} to the cloud reply.
 */
public final class CommandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Code {
        /** The device is not connected. */
        DEVICE_OFFLINE,
        /** The device did not answer within the command's timeout. */
        DEVICE_TIMEOUT,
        /** The command does not fit the device's model (unknown key, wrong type, out of range, read-only). */
        INVALID_ARGUMENT,
        /** Too many commands are in flight for this device. */
        BUSY
    }

    private final Code code;

    public CommandFailure(Code code, String message) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
    }

    public Code code() {
        return code;
    }
}
