package dev.hearth.core.uplink;

import dev.hearth.core.storage.Database;
import dev.hearth.core.storage.StorageException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Telemetry ids: unique per gateway and increasing, also across restarts, so the cloud can
 * de-duplicate at-least-once deliveries by id. They do not depend on the wall clock (a clock that
 * steps back must never make new data look like old): an id is {@code boot << 32 | sequence}, the
 * boot number persisted in the database and raised at every open (and when a boot's 2^32 ids run
 * out), the sequence counting from 1 within a boot.
 *
 * <p>Boot numbers start at {@link #FIRST_BOOT}, so the first id, 2^51, lies above every id of the
 * earlier scheme (microseconds since the epoch: 2^51 is the year 2041) and a cloud that keeps the
 * highest id seen per gateway takes the new ones; ids stay below 2^53 (exact in a JSON double)
 * for 1.5 million boots. Thread-safe.
 */
public final class TelemetryIds {
    static final long FIRST_BOOT = 1L << 19;
    static final int SEQUENCE_BITS = 32;
    private static final long MAX_SEQUENCE = (1L << SEQUENCE_BITS) - 1;
    private static final String COMPONENT = "telemetry-ids";
    private static final List<List<String>> MIGRATIONS = List.of(List.of(
            "CREATE TABLE telemetry_boot (id INTEGER PRIMARY KEY CHECK (id = 1), boot INTEGER NOT NULL)"));

    private final Database db;
    private long boot;
    private long sequence;

    private TelemetryIds(Database db) {
        this.db = db;
        this.boot = nextBoot();
    }

    /** Opens the id source in {@code db}: a new boot number, durable before the first id is given. */
    public static TelemetryIds open(Database db) {
        db.migrate(COMPONENT, MIGRATIONS);
        return new TelemetryIds(db);
    }

    /** The next id. */
    public synchronized long next() {
        if (sequence == MAX_SEQUENCE) {
            boot = nextBoot();
            sequence = 0;
        }
        return (boot << SEQUENCE_BITS) | ++sequence;
    }

    /** This boot's number, for logs and tests. */
    public synchronized long boot() {
        return boot;
    }

    private long nextBoot() {
        Connection c = db.connection();
        synchronized (c) {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO telemetry_boot (id, boot) VALUES (1, " + FIRST_BOOT + ") "
                        + "ON CONFLICT(id) DO UPDATE SET boot = boot + 1");
                try (ResultSet r = s.executeQuery("SELECT boot FROM telemetry_boot WHERE id = 1")) {
                    r.next();
                    long b = r.getLong(1);
                    db.health().succeeded(COMPONENT);
                    return b;
                }
            } catch (SQLException e) {
                // No id without a durable boot number: a reused boot would repeat ids the cloud already has.
                db.health().failed(COMPONENT, e.getMessage());
                throw new StorageException("cannot raise the telemetry boot number: " + e.getMessage(), e);
            }
        }
    }
}
