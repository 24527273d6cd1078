package dev.hearth.driver.miio;

import dev.hearth.driver.api.CommandFailure;
import dev.hearth.driver.api.CommandOutcome;
import dev.hearth.driver.api.DeviceCommand;
import dev.hearth.driver.api.DeviceSession;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The session of a device the driver will not talk to (no token, or a token of the wrong size):
 * it sends nothing at all and fails every command. The driver has already reported Refused.
 */
final class RefusedSession implements DeviceSession {
    private final String deviceId;
    private final String reason;

    RefusedSession(String deviceId, String reason) {
        this.deviceId = deviceId;
        this.reason = reason;
    }

    @Override
    public String deviceId() {
        return deviceId;
    }

    @Override
    public CompletionStage<CommandOutcome> execute(DeviceCommand command, Duration timeout) {
        return CompletableFuture.failedFuture(new CommandFailure(CommandFailure.Code.DEVICE_OFFLINE, reason));
    }

    @Override
    public void addressChanged(InetSocketAddress address) {
        // nothing is ever sent to a refused device
    }

    @Override
    public void close() {
        // holds no resources
    }
}
