package dev.hearth.core.devices;

import dev.hearth.core.storage.Database;
import dev.hearth.core.storage.Schema;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The drivers' per-device state (DriverState) in the gateway's SQLite database: one row per device
 * and key. Only {@link PersistentDriverState} writes here, and only what it holds in memory, so
 * the table has its bounds (keys per device, devices, value length).
 */
final class DriverStateStore {
    static final String STORE = "driver-state";
    public static final Schema SCHEMA = new Schema("driver_state", List.of(List.of(
            "CREATE TABLE driver_state (device_id TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, "
                    + "PRIMARY KEY (device_id, key))")));

    /** A device's key and its value. */
    record Entry(String deviceId, String key, String value) { }

    private final Database db;

    Database database() {
        return db;
    }

    DriverStateStore(Database db) {
        db.requireSchema(SCHEMA);
        this.db = db;
    }

    /** Every stored value, by device then key. */
    Map<String, Map<String, String>> all() {
        return db.read(STORE, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT device_id, key, value FROM driver_state ORDER BY device_id, key");
                 ResultSet r = p.executeQuery()) {
                Map<String, Map<String, String>> out = new LinkedHashMap<>();
                while (r.next()) out.computeIfAbsent(r.getString(1), d -> new LinkedHashMap<>()).put(r.getString(2), r.getString(3));
                return out;
            }
        });
    }

    /** Writes {@code entries} in one transaction; durable when this returns (WAL commit). */
    void upsert(List<Entry> entries) {
        if (entries.isEmpty()) return;
        db.write(STORE, c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO driver_state(device_id, key, value) VALUES (?, ?, ?) "
                    + "ON CONFLICT(device_id, key) DO UPDATE SET value = excluded.value")) {
                for (Entry e : entries) {
                    p.setString(1, e.deviceId());
                    p.setString(2, e.key());
                    p.setString(3, e.value());
                    p.addBatch();
                }
                return p.executeBatch().length;
            }
        });
    }
}
