package dev.hearth.core.registry;

import dev.hearth.core.online.Availability;
import dev.hearth.core.online.AvailabilityListener;
import dev.hearth.core.storage.Database;
import dev.hearth.core.storage.StorageException;
import dev.hearth.driver.api.DiscoveredDevice;
import dev.hearth.driver.api.Scheduler;
import dev.hearth.driver.api.value.Value;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of device records. Reads come from memory (everything is loaded at
 * construction); writes go to SQLite.
 *
 * <p>Durability: adoption, rename, room assignment and removal are written before the call
 * returns. Reported state, last-seen and availability change far too often for that (1,000
 * devices reporting every second), so they are coalesced per device and written in one
 * transaction every {@code flushInterval} and at {@link #close()}: a crash (not a clean stop)
 * loses at most the last {@code flushInterval} of them, which the devices report again anyway.
 */
public final class Registry implements AvailabilityListener, DeviceDirectory, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Registry.class);

    private final RegistryStore store;
    private final Clock clock;
    /** The registry's table, applied when the database opens. */
    public static final dev.hearth.core.storage.Schema SCHEMA = RegistryStore.SCHEMA;
    private final Scheduler scheduler;
    private final Duration flushInterval;
    private final Map<String, DeviceRecord> devices = new ConcurrentHashMap<>();
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final List<RegistryListener> listeners = new CopyOnWriteArrayList<>();
    /** Orders SQLite writes against removals, so a flush never resurrects a removed row. */
    private final Object writeLock = new Object();
    private Scheduler.Cancellable nextFlush;
    private boolean closed;

    /** Migrates the registry's tables, loads every record and starts the periodic flush. */
    public Registry(Database db, Clock clock, Scheduler scheduler, Duration flushInterval) {
        this.store = new RegistryStore(db);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        if (flushInterval.isNegative() || flushInterval.isZero()) throw new IllegalArgumentException("flushInterval must be positive");
        this.flushInterval = flushInterval;
        store.loadAll().forEach(d -> devices.put(d.id(), d));
        LOG.info("registry: {} devices loaded from {}", devices.size(), db.file());
        synchronized (writeLock) {
            nextFlush = scheduler.schedule(flushInterval, this::periodicFlush);
        }
    }

    public void addListener(RegistryListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public Optional<DeviceRecord> find(String deviceId) {
        return Optional.ofNullable(devices.get(deviceId));
    }

    /** Every device, ordered by id. */
    public List<DeviceRecord> all() {
        List<DeviceRecord> out = new ArrayList<>(devices.values());
        out.sort(Comparator.comparing(DeviceRecord::id));
        return out;
    }

    /**
     * Records an adopted device, or a new announcement of one. A new device is added (named after
     * its model, UNKNOWN) and written before returning. For a device already in the registry only
     * its last-seen changes: what it is (model, protocol) was pinned at adoption and changes only
     * through {@link #repin}; its address only through {@link #recordAddress}, once the device
     * authenticated there. An announcement proves neither.
     */
    public DeviceRecord recordDiscovery(DiscoveredDevice d) {
        Instant now = clock.instant();
        RegistryChange change;
        DeviceRecord result;
        synchronized (writeLock) {
            DeviceRecord old = devices.get(d.deviceId());
            if (old == null) {
                result = new DeviceRecord(d.deviceId(), d.protocol(), d.model(), d.model(), Optional.empty(), d.address(),
                        now, now, Map.of(), Availability.unknown(d.deviceId(), now, 0));
                change = new RegistryChange.DeviceAdded(result);
                store.upsertAll(List.of(result));
                dirty.remove(result.id());
            } else {
                result = old.withDiscovery(old.model(), old.address(), now);
                change = null;
                dirty.add(result.id());
            }
            devices.put(result.id(), result);
        }
        if (change != null) notifyListeners(change);
        return result;
    }

    /** The device authenticated at {@code address}: its new address, written before returning. No-op if unchanged. */
    public void recordAddress(String deviceId, java.net.InetSocketAddress address) {
        Objects.requireNonNull(address, "address");
        DeviceRecord updated;
        synchronized (writeLock) {
            DeviceRecord old = devices.get(deviceId);
            if (old == null || old.address().equals(address)) return;
            updated = old.withDiscovery(old.model(), address, clock.instant());
            devices.put(deviceId, updated);
            store.upsertAll(List.of(updated));
            dirty.remove(deviceId);
        }
        notifyListeners(new RegistryChange.DeviceUpdated(updated));
    }

    /**
     * The owner accepted that the device is now {@code model} (a MODEL_CHANGED entry of the
     * inbox): the only way an adopted device's model changes. Written before returning.
     */
    public DeviceRecord repin(String deviceId, String model) {
        if (model == null || model.isBlank()) throw new IllegalArgumentException("model must not be blank");
        DeviceRecord updated;
        synchronized (writeLock) {
            DeviceRecord old = devices.get(deviceId);
            if (old == null) throw new NoSuchElementException("no device " + deviceId);
            updated = old.withDiscovery(model, old.address(), clock.instant());
            devices.put(deviceId, updated);
            store.upsertAll(List.of(updated));
            dirty.remove(deviceId);
        }
        LOG.info("device {}: model re-pinned to {} by the owner", deviceId, model);
        notifyListeners(new RegistryChange.DeviceUpdated(updated));
        return updated;
    }

    /** Merges reported values into the device's state. Ignored for a device not in the registry. */
    public void stateReported(String deviceId, Map<String, Value> values, Instant at) {
        Map<String, Value> changed = new LinkedHashMap<>();
        DeviceRecord updated = devices.computeIfPresent(deviceId, (id, old) -> {
            Map<String, Value> state = new LinkedHashMap<>(old.state());
            values.forEach((k, v) -> {
                if (!v.equals(state.put(k, v))) changed.put(k, v);
            });
            return old.withState(state, at.isAfter(old.lastSeen()) ? at : old.lastSeen());
        });
        if (updated == null) return;
        dirty.add(deviceId);
        if (!changed.isEmpty()) notifyListeners(new RegistryChange.StateChanged(updated, changed));
    }

    @Override
    public void availabilityChanged(Availability a) {
        DeviceRecord updated = devices.computeIfPresent(a.deviceId(), (id, old) -> old.withAvailability(a));
        if (updated == null) return;
        dirty.add(a.deviceId());
        notifyListeners(new RegistryChange.AvailabilityChanged(updated));
    }

    /** Removes a device and its stored row. Returns whether it existed. */
    public boolean remove(String deviceId) {
        synchronized (writeLock) {
            if (devices.remove(deviceId) == null) return false;
            dirty.remove(deviceId);
            store.delete(deviceId);
        }
        notifyListeners(new RegistryChange.DeviceRemoved(deviceId));
        return true;
    }

    // --- DeviceDirectory (dev.hearth.core.home) ---

    @Override
    public Optional<String> roomOf(String deviceId) {
        return find(deviceId).flatMap(DeviceRecord::roomId);
    }

    @Override
    public boolean exists(String deviceId) {
        return devices.containsKey(deviceId);
    }

    @Override
    public List<String> devicesIn(String roomId) {
        return devices.values().stream().filter(d -> d.roomId().filter(roomId::equals).isPresent())
                .map(DeviceRecord::id).sorted().toList();
    }

    /** Moves a device into a room, or out of every room. Throws NoSuchElementException for an unknown device. */
    @Override
    public void assign(String deviceId, Optional<String> roomId) {
        Objects.requireNonNull(roomId, "roomId");
        update(deviceId, d -> d.withRoom(roomId));
    }

    /** Renames a device. Throws NoSuchElementException for an unknown device, IllegalArgumentException for a blank name. */
    @Override
    public void rename(String deviceId, String name) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a device name must not be blank");
        update(deviceId, d -> d.withName(name.strip()));
    }

    private void update(String deviceId, java.util.function.UnaryOperator<DeviceRecord> edit) {
        DeviceRecord updated;
        synchronized (writeLock) {
            updated = devices.computeIfPresent(deviceId, (id, old) -> edit.apply(old));
            if (updated == null) throw new NoSuchElementException("no device " + deviceId);
            store.upsertAll(List.of(updated));
            dirty.remove(deviceId);
        }
        notifyListeners(new RegistryChange.DeviceUpdated(updated));
    }

    /** Writes every coalesced change now, in one transaction. */
    public void flush() {
        synchronized (writeLock) {
            List<DeviceRecord> batch = new ArrayList<>();
            for (String id : List.copyOf(dirty)) {
                dirty.remove(id);
                DeviceRecord d = devices.get(id);
                if (d != null) batch.add(d);
            }
            try {
                store.upsertAll(batch);
            } catch (StorageException e) {
                batch.forEach(d -> dirty.add(d.id()));
                throw e;
            }
        }
    }

    private void periodicFlush() {
        try {
            flush();
        } catch (StorageException e) {
            // StorageHealth logged it (once a minute) and made the gateway not ready
            LOG.debug("registry: flush failed, will retry: {}", e.getMessage());
        }
        synchronized (writeLock) {
            if (!closed) nextFlush = scheduler.schedule(flushInterval, this::periodicFlush);
        }
    }

    /** Stops the periodic flush and writes what is pending. Does not close the database. */
    @Override
    public void close() {
        synchronized (writeLock) {
            closed = true;
            nextFlush.cancel();
        }
        flush();
    }

    private void notifyListeners(RegistryChange change) {
        for (RegistryListener l : listeners) {
            try {
                l.changed(change);
            } catch (RuntimeException e) {
                LOG.warn("registry listener failed on {} of device {}: {}", change.getClass().getSimpleName(),
                        change.deviceId(), e.toString(), e);
            }
        }
    }
}
