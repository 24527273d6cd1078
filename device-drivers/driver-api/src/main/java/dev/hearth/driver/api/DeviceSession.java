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
     * Checks now, by unicast at the session's current address, that the device is there and holds
     * its key (the core heard an mDNS goodbye and does not take it on trust). The answer comes as
     * usual: nothing while the device answers, {@link DeviceEvent.WentOffline} when it does not.
     * The default does nothing, which is right for a link the device keeps alive by heartbeats
     * that the session already watches (it goes OFFLINE by itself within its heartbeat timeout).
     */
    default void probeNow() {
    }

    /**
     * Ends the session: closes the link, cancels its timers, fails pending commands with
     * DEVICE_OFFLINE. Reports nothing after returning. Idempotent.
     */
    void close();
}
