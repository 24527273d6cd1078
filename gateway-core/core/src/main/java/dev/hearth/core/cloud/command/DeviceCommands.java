package dev.hearth.core.cloud.command;

import dev.hearth.driver.api.DeviceCommand;
import java.util.concurrent.CompletionStage;

/**
 * Carries out a command on a device: the core implements it over its session table. The stage
 * completes with a {@link DeviceCommandResult}; completing exceptionally with a driver-api
 * {@link dev.hearth.driver.api.CommandFailure} is understood too (its code is mapped), any other
 * exception is answered INTERNAL. The bridge applies its own timeout (DEVICE_TIMEOUT).
 */
@FunctionalInterface
public interface DeviceCommands {
    CompletionStage<DeviceCommandResult> execute(String deviceId, DeviceCommand command);
}
