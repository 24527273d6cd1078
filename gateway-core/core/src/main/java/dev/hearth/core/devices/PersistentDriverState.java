package dev.hearth.core.devices;

import dev.hearth.core.storage.Database;
import dev.hearth.core.storage.StorageException;
import dev.hearth.driver.api.DriverCounters;
import dev.hearth.driver.api.DriverState;
import dev.hearth.driver.api.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The core's {@link DriverState}: every value in memory (read at start, so a driver's I/O thread
 * never waits on SQLite), each put written behind on the scheduler's thread in one transaction
 * with the others pending. Bounded: {@value DriverState#MAX_KEYS_PER_DEVICE} keys per device,
 * {@code maxDevices} devices; a put past a bound is refused and counted
 * ({@code driver_state_refused}). A failed write stays pending, is retried, and shows in the
 * database's health.
 */
public final class PersistentDriverState implements DriverState, AutoCloseable {
    /** Its table, for GatewaySchemas. */
    public static final dev.hearth.core.storage.Schema SCHEMA = DriverStateStore.SCHEMA;

    private static final Duration RETRY = Duration.ofSeconds(5);

    private final DriverStateStore store;
    private final Scheduler scheduler;
    private final DriverCounters counters;
    private final int maxDevices;
    private final Map<String, Map<String, String>> values = new HashMap<>();
    /** Written behind: the latest value per device and key, not yet in the database. */
    private final Map<List<String>, String> pending = new LinkedHashMap<>();
    private boolean flushScheduled;
    private boolean closed;

    public PersistentDriverState(Database db, Scheduler scheduler, DriverCounters counters, int maxDevices) {
        if (maxDevices < 1) throw new IllegalArgumentException("maxDevices must be at least 1");
        this.store = new DriverStateStore(db);
        this.scheduler = scheduler;
        this.counters = counters;
        this.maxDevices = maxDevices;
        store.all().forEach((device, kv) -> values.put(device, new HashMap<>(kv)));
    }

    @Override
    public synchronized Optional<String> get(String deviceId, String key) {
        return Optional.ofNullable(values.getOrDefault(deviceId, Map.of()).get(key));
    }

    @Override
    public boolean put(String deviceId, String key, String value) {
        boolean schedule;
        synchronized (this) {
            if (closed || deviceId == null || !DriverState.acceptable(key, value)) return refused("invalid");
            Map<String, String> kv = values.get(deviceId);
            if (kv == null) {
                if (values.size() >= maxDevices) return refused("too_many_devices");
                kv = new HashMap<>();
                values.put(deviceId, kv);
            }
            if (!kv.containsKey(key) && kv.size() >= MAX_KEYS_PER_DEVICE) return refused("too_many_keys");
            if (value.equals(kv.put(key, value))) return true;
            pending.put(List.of(deviceId, key), value);
            schedule = !flushScheduled;
            flushScheduled = true;
        }
        if (schedule) scheduler.schedule(Duration.ZERO, this::flush);
        return true;
    }

    private boolean refused(String why) {
        counters.increment("driver_state_refused", why);
        return false;
    }

    /** Writes what is pending; on failure keeps it and tries again later. */
    void flush() {
        List<DriverStateStore.Entry> batch = new ArrayList<>();
        synchronized (this) {
            flushScheduled = false;
            pending.forEach((k, v) -> batch.add(new DriverStateStore.Entry(k.get(0), k.get(1), v)));
            pending.clear();
        }
        if (batch.isEmpty()) return;
        try {
            store.upsert(batch); // the database reports the outcome to storage health as the store's
        } catch (StorageException e) {
            boolean schedule;
            synchronized (this) {
                // newer puts made while we wrote win over the batch that failed
                for (DriverStateStore.Entry entry : batch) pending.putIfAbsent(List.of(entry.deviceId(), entry.key()), entry.value());
                schedule = !flushScheduled && !closed;
                flushScheduled |= schedule;
            }
            if (schedule) scheduler.schedule(RETRY, this::flush);
        }
    }

    /** Writes what is pending, then refuses further puts. Does not close the database. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        flush();
    }
}
