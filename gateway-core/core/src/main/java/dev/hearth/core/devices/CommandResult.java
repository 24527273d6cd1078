package dev.hearth.core.devices;

import dev.hearth.driver.api.CommandOutcome;
import java.util.Objects;

/** What became of a command sent through {@link SessionTable#execute}: the device's answer, or why there is none. */
public sealed interface CommandResult {

    /** The device answered (its items may still carry device error codes). */
    record Completed(CommandOutcome outcome) implements CommandResult {
        public Completed { Objects.requireNonNull(outcome, "outcome"); }
    }

    /** The command did not reach the device, or got no answer. */
    record Rejected(Rejection rejection, String message) implements CommandResult {
        public Rejected {
            Objects.requireNonNull(rejection, "rejection");
            Objects.requireNonNull(message, "message");
        }
    }

    enum Rejection {
        /** No such device in the registry. */
        UNKNOWN_DEVICE,
        /** The device is known but not connected. */
        DEVICE_OFFLINE,
        /** The device did not answer in time. */
        DEVICE_TIMEOUT,
        /** The command does not fit the device's model. */
        INVALID_ARGUMENT,
        /** Too many commands in flight for the device. */
        BUSY,
        /** The driver failed unexpectedly (logged). */
        DRIVER_ERROR
    }
}
