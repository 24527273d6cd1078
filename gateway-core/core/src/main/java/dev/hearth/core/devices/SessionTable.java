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
import dev.hearth.driver.api.DiscoveredDevice;
import dev.hearth.driver.api.DriverContext;
import dev.hearth.driver.api.OfflineReason;
import dev.hearth.driver.api.value.Value;
import java.time.Duration;
import java.time.Instant;
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
 * {@link ReportGate} checked them against the device's pinned model. Commands go down through
 * {@link #execute}.
 *
 * <p>Make-before-break (DESIGN.md section 5): nothing that cannot prove the device's key changes an
 * adopted device. A new address from an announcement opens a second session there (a claim); it
 * replaces the adopted one only after it authenticated while the adopted one is down (a move).
 * A claim that authenticates while the adopted session is live is a second device with the same
 * id: both are left alone and the collision goes to the inbox. A claim that is refused or stays
 * silent is dropped, counted and logged once. A goodbye asks the session to check by unicast; the
 * session is never closed by mDNS. Only a device never online (a fresh adoption with a wrong key)
 * goes back to the inbox as REFUSED.
 */
public final class SessionTable implements SessionControl, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionTable.class);

    private final Map<String, DeviceDriver> drivers = new LinkedHashMap<>();
    private final DriverContext context;
    private final Registry registry;
    private final OnlineTracker tracker;
    private final DiscoveryInbox inbox;
    private final SessionSettings settings;
    private final ReportGate gate;
    private final AddressClaims claims;
    private final DeviceEventLanes lanes;
    private final Map<String, DeviceSlot> sessions = new ConcurrentHashMap<>();
    private final List<DeviceEventListener> eventListeners = new CopyOnWriteArrayList<>();
    private boolean started;
    private boolean stopped;

    /**
     * A table whose sessions' reports pass {@code gate} before anything else sees them, and are
     * handled in {@code lanes} (per device, in order, off the driver's threads).
     */
    public SessionTable(List<DeviceDriver> drivers, DriverContext context, Registry registry, OnlineTracker tracker,
                        DiscoveryInbox inbox, ReportGate gate, SessionSettings settings, DeviceEventLanes lanes) {
        this.gate = Objects.requireNonNull(gate, "gate");
        this.lanes = Objects.requireNonNull(lanes, "lanes");
        for (DeviceDriver d : drivers) {
            if (this.drivers.putIfAbsent(d.protocol(), d) != null) {
                throw new IllegalArgumentException("two drivers claim protocol " + d.protocol());
            }
        }
        this.context = Objects.requireNonNull(context, "context");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.claims = new AddressClaims(this, context, settings, registry, tracker, inbox);
    }

    /** Whether {@code slot} is still the table's slot for its device. */
    boolean current(DeviceSlot slot) {
        return sessions.get(slot.id) == slot;
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
        // what the registry pinned, not what this announcement says
        DiscoveredDevice pinned = new DiscoveredDevice(record.id(), record.protocol(), record.model(), device.address(),
                device.attributes());
        tracker.track(device.deviceId(), record.availability().session());
        DeviceSlot slot = new DeviceSlot(pinned, settings.claimMemory(), lanes.lane(pinned.deviceId()));
        sessions.put(device.deviceId(), slot);
        LOG.info("device {} {} ({} {} at {})", device.deviceId(), known ? "resumed" : "adopted", pinned.protocol(),
                pinned.model(), pinned.address());
        connect(slot, slot.main);
    }

    @Override
    public void reopen(DiscoveredDevice device) {
        boolean closed;
        synchronized (this) {
            DeviceSlot slot = sessions.remove(device.deviceId());
            closed = slot != null;
            if (closed) closeAll(slot);
        }
        // outside the table's lock: the tracker's listeners run on this thread (listeners never run under a lock)
        if (closed) {
            tracker.markOffline(device.deviceId(), OfflineReason.CONNECTION_CLOSED, "reopened for model " + device.model(),
                    context.clock().instant());
        }
        open(device);
    }

    @Override
    public synchronized void rediscovered(DiscoveredDevice announced) {
        DeviceSlot slot = sessions.get(announced.deviceId());
        if (slot == null) return;
        registry.recordDiscovery(announced);
        if (slot.device().address().equals(announced.address())) return;
        if (slot.claim != null && slot.claim.device.address().equals(announced.address())) return;
        claims.announced(slot, announced);
    }

    @Override
    public void goodbye(String deviceId) {
        Instant now = context.clock().instant();
        if (!goodbyeProbed(deviceId, now)) {
            // outside the table's lock: the tracker's listeners run on this thread
            tracker.markOffline(deviceId, OfflineReason.MDNS_GOODBYE, "the device withdrew its mDNS service", now);
        }
    }

    /** Asks a live device's session to check by unicast; false when the device is not live (it goes OFFLINE now). */
    private synchronized boolean goodbyeProbed(String deviceId, Instant now) {
        DeviceSlot slot = sessions.get(deviceId);
        if (slot == null) return true;
        if (!tracker.isLive(deviceId)) return false;
        // a goodbye is a claim too: only the device's own silence makes it OFFLINE
        context.counters().increment("mdns_goodbyes", "probed");
        slot.goodbyeUntil = Optional.of(now.plus(settings.goodbyeWindow()));
        LOG.info("device {} withdrew its mDNS service; checking by unicast before believing it", deviceId);
        if (slot.main.session != null) slot.main.session.probeNow();
        return true;
    }

    /**
     * Sends a command to a device. The stage always completes normally (never later than the
     * session's own timeout), with the device's answer or a {@link CommandResult.Rejected}.
     */
    public CompletionStage<CommandResult> execute(String deviceId, DeviceCommand command, Duration timeout) {
        DeviceSlot slot = sessions.get(deviceId);
        var session = slot == null ? null : slot.main.session;
        if (session == null || !tracker.isLive(deviceId)) {
            CommandResult r = registry.exists(deviceId) || slot != null
                    ? new CommandResult.Rejected(CommandResult.Rejection.DEVICE_OFFLINE, "device " + deviceId + " is offline")
                    : new CommandResult.Rejected(CommandResult.Rejection.UNKNOWN_DEVICE, "no device " + deviceId);
            return CompletableFuture.completedFuture(r);
        }
        CompletionStage<CommandOutcome> sent;
        try {
            sent = session.execute(command, timeout);
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

    void connect(DeviceSlot slot, DeviceSlot.Link link) {
        DeviceDriver driver = drivers.get(link.device.protocol());
        link.session = driver.open(link.device, event -> slot.lane.offer(droppable(event), () -> route(slot, link, event)));
    }

    /** Reports and device events may be dropped when the device floods; link events never are (DeviceEventLanes). */
    private static boolean droppable(DeviceEvent event) {
        return event instanceof DeviceEvent.StateReported || event instanceof DeviceEvent.EventTriggered;
    }

    /**
     * On a device-event worker, in the device's lane (never on a driver's I/O thread): the trusted
     * link's reports go through the gate to the registry and listeners; a claim's hop to the scheduler.
     */
    private void route(DeviceSlot slot, DeviceSlot.Link link, DeviceEvent event) {
        if (sessions.get(slot.id) != slot) return; // a closed session's last words
        if (link != slot.main) {
            if (event instanceof DeviceEvent.CameOnline || event instanceof DeviceEvent.Refused) {
                context.scheduler().schedule(Duration.ZERO, () -> claims.event(slot, link, event));
            }
            return; // an unproven claim reports nothing to anyone
        }
        String id = slot.id;
        if (event instanceof DeviceEvent.StateReported s) {
            // checked against the model before the registry (and through it the API, SQLite and the cloud) sees it
            Optional<DeviceRecord> stored = registry.find(id);
            Map<String, Value> kept = gate.state(link.device.protocol(), modelOf(link, stored),
                    stored.map(DeviceRecord::state).orElse(Map.of()), s);
            if (!kept.isEmpty()) registry.stateReported(id, kept, s.at());
        } else if (event instanceof DeviceEvent.CameOnline c) {
            slot.refusalLogged = false;
            registry.recordAddress(id, link.device.address()); // a SQLite write when the address is new
            tracker.cameOnline(id, c.link(), c.at());
        } else if (event instanceof DeviceEvent.WentOffline w) {
            wentOffline(slot, w);
        } else if (event instanceof DeviceEvent.EventTriggered raw) {
            DeviceEvent.EventTriggered e = gate.event(link.device.protocol(), modelOf(link, registry.find(id)), raw);
            for (DeviceEventListener l : eventListeners) {
                try {
                    l.eventTriggered(id, e);
                } catch (RuntimeException ex) {
                    LOG.warn("event listener failed for device {}: {}", id, ex.toString(), ex);
                }
            }
        } else if (event instanceof DeviceEvent.Refused r) {
            // A plaintext Reject proves nothing (a relay can inject one): the driver reconnects with backoff and
            // nothing adopted changes (make-before-break). An unproven claim gives up on it, above.
            if (r.unauthenticated()) return;
            refused(slot, link, r.reason()); // on the lane, so no longer inside the session's own callback
        }
    }

    /** The model the registry holds for the device (pinned at adoption), else the one the session follows. */
    private static String modelOf(DeviceSlot.Link link, Optional<DeviceRecord> stored) {
        return stored.map(DeviceRecord::model).orElse(link.device.model());
    }

    private void wentOffline(DeviceSlot slot, DeviceEvent.WentOffline w) {
        Optional<Instant> goodbye = slot.goodbyeUntil;
        if (goodbye.isPresent() && !w.at().isAfter(goodbye.get())) {
            slot.goodbyeUntil = Optional.empty();
            tracker.wentOffline(slot.id, w.link(), OfflineReason.MDNS_GOODBYE,
                    "withdrew its mDNS service and then: " + w.detail(), w.at());
        } else {
            tracker.wentOffline(slot.id, w.link(), w.reason(), w.detail(), w.at());
        }
        context.scheduler().schedule(Duration.ZERO, () -> claims.retryCollision(slot));
    }

    private synchronized void refused(DeviceSlot slot, DeviceSlot.Link link, String reason) {
        String id = slot.id;
        if (sessions.get(id) != slot || slot.main != link) return;
        boolean everOnline = registry.find(id).map(d -> d.availability().session() > 0).orElse(false);
        if (everOnline) {
            // proven before: a refusal at its address (a replaced device, a spoofed address) changes nothing adopted
            context.counters().increment("unproven_claims", "refused_at_known_address");
            if (!slot.refusalLogged) {
                slot.refusalLogged = true;
                LOG.warn("device {}: the device at {} failed authentication ({}); it stays adopted, trying again every {}",
                        id, link.device.address(), reason, settings.refusedRetry());
            }
            link.close();
            slot.retry = context.scheduler().schedule(settings.refusedRetry(), () -> retryRefused(slot, link));
            return;
        }
        sessions.remove(id, slot);
        closeAll(slot);
        context.counters().increment("unadopted_devices", "refused");
        registry.remove(id);
        tracker.forget(id);
        inbox.offer(slot.device(), PendingReason.REFUSED, reason);
        LOG.warn("device {} refused authentication ({}): back in the discovery inbox", id, reason);
    }

    private synchronized void retryRefused(DeviceSlot slot, DeviceSlot.Link refused) {
        if (stopped || sessions.get(slot.id) != slot || slot.main != refused) return;
        DeviceSlot.Link fresh = new DeviceSlot.Link(refused.device);
        slot.main = fresh;
        connect(slot, fresh);
    }

    /** Closes every session, marks devices OFFLINE GATEWAY_STOPPING and stops the drivers. Idempotent. */
    public void stop() {
        synchronized (this) {
            if (stopped) return;
            stopped = true;
            for (DeviceSlot s : sessions.values()) {
                closeAll(s);
            }
            sessions.clear();
        }
        tracker.gatewayStopping(); // outside the table's lock: the tracker's listeners run on this thread
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

    private void closeAll(DeviceSlot slot) {
        slot.retry.cancel();
        AddressClaims.drop(slot);
        slot.main.close();
    }

}
