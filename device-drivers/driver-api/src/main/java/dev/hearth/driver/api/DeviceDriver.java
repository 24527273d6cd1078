package dev.hearth.driver.api;

import java.util.Optional;
import java.util.Set;

/**
 * A protocol driver, found by {@link java.util.ServiceLoader} (a public no-argument constructor
 * and a {@code META-INF/services/dev.hearth.driver.api.DeviceDriver} entry). The core never names
 * a concrete driver class.
 *
 * <h2>Lifecycle</h2>
 * {@link #start} once, then any number of {@link #recognize} and {@link #open} calls, then
 * {@link #stop} once. {@code stop} closes every session the driver opened and releases its
 * threads; after it returns the driver reports nothing more.
 *
 * <h2>Threading</h2>
 * {@link #recognize} is pure and thread-safe. {@link #open} may be called from any thread and
 * must not block on the network: it returns at once and the session connects in the background.
 * A driver uses a small, fixed number of I/O threads for all its devices: never a thread per device.
 * Those threads only do I/O and decoding; a driver hands what it decoded to the session's
 * {@link DeviceSink}, which returns at once (the core's work runs on its own threads, see
 * {@link DeviceSink}). The core calls {@link DeviceSession} methods from its own threads
 * (device-event workers, command executors, timers); a session hops to its I/O thread for anything
 * that touches its connection. Timers come from {@link DriverContext#scheduler()}: a thread for
 * latency-sensitive timers (heartbeat watchdogs, handshake and command timeouts, reconnects) shared
 * with the core's own, so a task there must be short and never block.
 */
public interface DeviceDriver {

    /** The protocol name, as used in config and device records: {@code "native"}, {@code "miio"}. */
    String protocol();

    /** The mDNS service types this driver claims, e.g. {@code "_hearth._tcp.local."}. */
    Set<String> serviceTypes();

    /** Maps an announcement of one of {@link #serviceTypes()} to a device, or empty if it is not one. */
    Optional<DiscoveredDevice> recognize(Announcement announcement);

    /** Starts the driver's I/O. Called once, before any {@link #open}. */
    void start(DriverContext context);

    /**
     * Opens a session to a device the core decided to adopt. The session reports only through
     * {@code sink}: {@link DeviceEvent.CameOnline} when the link is up, state and events while it
     * is, {@link DeviceEvent.WentOffline} with a reason when it goes down, and
     * {@link DeviceEvent.Refused} when the device fails authentication. The session reconnects by
     * itself (with backoff and jitter) until closed, except after {@code Refused}.
     */
    DeviceSession open(DiscoveredDevice device, DeviceSink sink);

    /** Closes every session and releases the driver's threads. */
    void stop();
}
