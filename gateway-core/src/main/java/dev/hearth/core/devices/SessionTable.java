package dev.hearth.core.devices;

import dev.hearth.core.discovery.DiscoveryInbox;
import dev.hearth.core.discovery.PendingReason;
import dev.hearth.core.discovery.SessionControl;
import dev.hearth.core.online.OnlineTracker;
import dev.hearth.core.registry.DeviceRecord;
import dev.hearth.core.registry.Registry;
import dev.hearth.driver.api.CommandFailure;
import dev.hearth.driver.api.CommandOutcome;
import dev.hearth.driver.api.DeviceCommand;
import dev.hearth.driver.api.DeviceDriver;
import dev.hearth.driver.api.DeviceEvent;
import dev.hearth.driver.api.DeviceSession;
import dev.hearth.driver.api.DiscoveredDevice;
import dev.hearth.driver.api.DriverContext;
import dev.hearth.driver.api.OfflineReason;
import dev.hearth.driver.api.value.Value;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session per adopted device, opened through the driver of its protocol. Each session's sink
 * routes what the device reports: link up/down to the {@link OnlineTracker}, state to the
 * {@link Registry} and events to {@link DeviceEventListener}s, both only after the
 * {@link ReportGate} checked them against the device's model, and a refusal back to the
 * {@link DiscoveryInbox}. Commands go down through {@link #execute}.
 */
public final class SessionTable implements SessionControl, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionTable.class);

    private final Map<String, DeviceDriver> drivers = new LinkedHashMap<>();
    private final DriverContext context;
    private final Registry registry;
    private final OnlineTracker tracker;
    private final DiscoveryInbox inbox;
    private final ReportGate gate;
    private final Map<String, Slot> sessions = new ConcurrentHashMap<>();
    private final List<DeviceEventListener> eventListeners = new CopyOnWriteArrayList<>();
    private boolean started;
    private boolean stopped;

    public SessionTable(List<DeviceDriver> drivers, DriverContext context, Registry registry, OnlineTracker tracker,
                        DiscoveryInbox inbox) {
        this(drivers, context, registry, tracker, inbox, ReportGate.strict(context.models()));
    }

    /** A table whose sessions' reports pass {@code gate} before anything else sees them. */
    public SessionTable(List<DeviceDriver> drivers, DriverContext context, Registry registry, OnlineTracker tracker,
                        DiscoveryInbox inbox, ReportGate gate) {
        this.gate = Objects.requireNonNull(gate, "gate");
        for (DeviceDriver d : drivers) {
            if (this.drivers.putIfAbsent(d.protocol(), d) != null) {
                throw new IllegalArgumentException("two drivers claim protocol " + d.protocol());
            }
        }
        this.context = Objects.requireNonNull(context, "context");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        this.inbox = Objects.requireNonNull(inbox, "inbox");
    }

    public void addEventListener(DeviceEventListener listener) {
        eventListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Starts every driver. */
    public synchronized void start() {
        if (started) throw new IllegalStateException("already started");
        started = true;
        drivers.values().forEach(d -> d.start(context));
        LOG.info("drivers started: {}", drivers.keySet());
    }

    @Override
    public boolean isOpen(String deviceId) {
        return sessions.containsKey(deviceId);
    }

    /** The devices with an open session. */
    public Set<String> openDevices() {
        return Set.copyOf(sessions.keySet());
    }

    @Override
    public synchronized void open(DiscoveredDevice device) {
        if (!started || stopped) throw new IllegalStateException("the session table is not running");
        if (sessions.containsKey(device.deviceId())) {
            rediscovered(device);
            return;
        }
        DeviceDriver driver = drivers.get(device.protocol());
        if (driver == null) {
            LOG.warn("device {}: no driver for protocol {}; not adopted", device.deviceId(), device.protocol());
            return;
        }
        boolean known = registry.exists(device.deviceId());
        DeviceRecord record = registry.recordDiscovery(device);
        tracker.track(device.deviceId(), record.availability().session());
        Slot slot = new Slot(device);
        sessions.put(device.deviceId(), slot);
        LOG.info("device {} {} ({} {} at {})", device.deviceId(), known ? "resumed" : "adopted", device.protocol(),
                device.model(), device.address());
        slot.session = driver.open(device, event -> route(slot, event));
    }

    @Override
    public synchronized void rediscovered(DiscoveredDevice device) {
        Slot slot = sessions.get(device.deviceId());
        if (slot == null) return;
        registry.recordDiscovery(device);
        if (!slot.device.address().equals(device.address())) {
            LOG.info("device {} moved from {} to {}", device.deviceId(), slot.device.address(), device.address());
            slot.device = device;
            if (slot.session != null) slot.session.addressChanged(device.address());
        }
    }

    @Override
    public synchronized void goodbye(String deviceId) {
        Slot slot = sessions.remove(deviceId);
        if (slot == null) return;
        closeQuietly(slot);
        tracker.markOffline(deviceId, OfflineReason.MDNS_GOODBYE, "the device withdrew its mDNS service",
                context.clock().instant());
    }

    /**
     * Sends a command to a device. The stage always completes normally (never later than the
     * session's own timeout), with the device's answer or a {@link CommandResult.Rejected}.
     */
    public CompletionStage<CommandResult> execute(String deviceId, DeviceCommand command, Duration timeout) {
        Slot slot = sessions.get(deviceId);
        if (slot == null || slot.session == null || !tracker.isLive(deviceId)) {
            CommandResult r = registry.exists(deviceId) || slot != null
                    ? new CommandResult.Rejected(CommandResult.Rejection.DEVICE_OFFLINE, "device " + deviceId + " is offline")
                    : new CommandResult.Rejected(CommandResult.Rejection.UNKNOWN_DEVICE, "no device " + deviceId);
            return CompletableFuture.completedFuture(r);
        }
        CompletionStage<CommandOutcome> sent;
        try {
            sent = slot.session.execute(command, timeout);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.handle((outcome, error) -> outcome != null && error == null
                ? new CommandResult.Completed(outcome)
                : rejected(deviceId, error));
    }

    private static CommandResult rejected(String deviceId, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof CommandFailure f) {
            CommandResult.Rejection r = switch (f.code()) {
                case DEVICE_OFFLINE -> CommandResult.Rejection.DEVICE_OFFLINE;
                case DEVICE_TIMEOUT -> CommandResult.Rejection.DEVICE_TIMEOUT;
                case INVALID_ARGUMENT -> CommandResult.Rejection.INVALID_ARGUMENT;
                case BUSY -> CommandResult.Rejection.BUSY;
            };
            return new CommandResult.Rejected(r, String.valueOf(f.getMessage()));
        }
        LOG.warn("device {}: command failed unexpectedly: {}", deviceId, String.valueOf(cause));
        return new CommandResult.Rejected(CommandResult.Rejection.DRIVER_ERROR, "the driver failed");
    }

    private void route(Slot slot, DeviceEvent event) {
        String id = slot.device.deviceId();
        if (sessions.get(id) != slot) return; // a closed session's last words
        if (event instanceof DeviceEvent.StateReported s) {
            // checked against the model before the registry (and through it the API, SQLite and the cloud) sees it
            Optional<DeviceRecord> stored = registry.find(id);
            Map<String, Value> kept = gate.state(slot.device.protocol(), modelOf(slot, stored),
                    stored.map(DeviceRecord::state).orElse(Map.of()), s);
            if (!kept.isEmpty()) registry.stateReported(id, kept, s.at());
        } else if (event instanceof DeviceEvent.CameOnline c) {
            tracker.cameOnline(id, c.link(), c.at());
        } else if (event instanceof DeviceEvent.WentOffline w) {
            tracker.wentOffline(id, w.link(), w.reason(), w.detail(), w.at());
        } else if (event instanceof DeviceEvent.EventTriggered raw) {
            DeviceEvent.EventTriggered e = gate.event(slot.device.protocol(), modelOf(slot, registry.find(id)), raw);
            for (DeviceEventListener l : eventListeners) {
                try {
                    l.eventTriggered(id, e);
                } catch (RuntimeException ex) {
                    LOG.warn("event listener failed for device {}: {}", id, ex.toString(), ex);
                }
            }
        } else if (event instanceof DeviceEvent.Refused r) {
            // Not on the driver's thread: closing a session from inside its own callback is asking for trouble.
            context.scheduler().schedule(Duration.ZERO, () -> refused(slot, r.reason()));
        }
    }

    /** The model the registry holds for the device (pinned at adoption), else the one the session follows. */
    private static String modelOf(Slot slot, Optional<DeviceRecord> stored) {
        return stored.map(DeviceRecord::model).orElse(slot.device.model());
    }

    private synchronized void refused(Slot slot, String reason) {
        String id = slot.device.deviceId();
        if (!sessions.remove(id, slot)) return;
        closeQuietly(slot);
        context.counters().increment("unadopted_devices", "refused");
        boolean everOnline = registry.find(id).map(d -> d.availability().session() > 0).orElse(false);
        if (!everOnline) {
            registry.remove(id);
            tracker.forget(id);
        }
        inbox.offer(slot.device, PendingReason.REFUSED, reason);
        LOG.warn("device {} refused authentication ({}): back in the discovery inbox", id, reason);
    }

    /** Closes every session, marks devices OFFLINE GATEWAY_STOPPING and stops the drivers. Idempotent. */
    public synchronized void stop() {
        if (stopped) return;
        stopped = true;
        for (Slot s : sessions.values()) {
            closeQuietly(s);
        }
        sessions.clear();
        tracker.gatewayStopping();
        if (started) {
            for (DeviceDriver d : drivers.values()) {
                try {
                    d.stop();
                } catch (RuntimeException e) {
                    LOG.warn("driver {} failed to stop: {}", d.protocol(), e.toString(), e);
                }
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static void closeQuietly(Slot slot) {
        if (slot.session == null) return;
        try {
            slot.session.close();
        } catch (RuntimeException e) {
            LOG.warn("device {}: closing the session failed: {}", slot.device.deviceId(), e.toString());
        }
    }

    /** An open session and the announcement it follows; mutated under the table's lock. */
    private static final class Slot {
        volatile DiscoveredDevice device;
        volatile DeviceSession session;

        Slot(DiscoveredDevice device) {
            this.device = device;
        }
    }
}
