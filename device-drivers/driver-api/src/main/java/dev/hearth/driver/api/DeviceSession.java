package dev.hearth.driver.api;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * A driver's live relationship with one device. Thread-safe; no method blocks.
 */
public interface DeviceSession {

    String deviceId();

    /**
     * Sends a command. The stage completes with the device's {@link CommandOutcome}, or
     * exceptionally with a {@link CommandFailure} (offline, timed out after {@code timeout},
     * invalid for the model, busy). It never stays incomplete longer than {@code timeout}.
     */
    CompletionStage<CommandOutcome> execute(DeviceCommand command, Duration timeout);

    /** The device moved (mDNS announced a new address): reconnect there. */
    void addressChanged(InetSocketAddress address);

    /**
     * Ends the session: closes the link, cancels its timers, fails pending commands with
     * DEVICE_OFFLINE. Reports nothing after returning. Idempotent.
     */
    void close();
}
