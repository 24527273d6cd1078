package dev.hearth.core.cloud.command;

import dev.hearth.driver.api.CommandOutcome;
import java.util.Objects;

/** What became of a device command. */
public sealed interface DeviceCommandResult {

    /** The device answered; items with a non-zero code failed on the device (DEVICE_ERROR). */
    record Completed(CommandOutcome outcome) implements DeviceCommandResult {
        public Completed {
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /** The command could not be carried out. */
    record Failed(Failure failure, String message) implements DeviceCommandResult {
        public Failed {
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(message, "message");
        }
    }

    enum Failure {
        UNKNOWN_DEVICE,
        DEVICE_OFFLINE,
        DEVICE_TIMEOUT,
        INVALID_ARGUMENT,
        BUSY,
        /** The driver failed (not the device): answered DEVICE_ERROR "driver_error". */
        DRIVER_ERROR
    }
}
