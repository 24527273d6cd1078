package dev.hearth.core.trust;

import dev.hearth.core.storage.Database;
import dev.hearth.core.storage.Schema;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

/**
 * The gateway's time for trust decisions: its own clock, never earlier than a persisted floor, the
 * latest time this gateway itself read when it accepted a command or a policy object. A clock set
 * back (by hand, a dead RTC battery, a forged time signal) therefore cannot revive an expired grant
 * or a captured command, across restarts too. Only the gateway's own clock raises the floor: a
 * command's issued_at never moves it. The {@code time_floor} table holds one row.
 */
public final class TimeFloor extends Clock {
    static final String STORE = "time-floor";
    public static final Schema SCHEMA = new Schema("time_floor", List.of(List.of(
            "CREATE TABLE time_floor (id INTEGER PRIMARY KEY CHECK (id = 1), floor_ms INTEGER NOT NULL)")));

    private final Clock base;
    private final Database db;
    private volatile long floorMs;

    private TimeFloor(Clock base, Database db, long floorMs) {
        this.base = base;
        this.db = db;
        this.floorMs = floorMs;
    }

    public static TimeFloor open(Database db, Clock base) {
        Objects.requireNonNull(base, "base");
        db.requireSchema(SCHEMA);
        long floor = db.read(STORE, c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT floor_ms FROM time_floor WHERE id = 1"); ResultSet r = p.executeQuery()) {
                return r.next() ? r.getLong(1) : Long.MIN_VALUE;
            }
        });
        return new TimeFloor(base, db, floor);
    }

    /** Raises the floor to the gateway clock's reading now, if that is later; durable when this returns. */
    public synchronized void advance() {
        long now = base.millis();
        if (now <= floorMs) return;
        db.write(STORE, c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO time_floor(id, floor_ms) VALUES (1, ?) "
                    + "ON CONFLICT(id) DO UPDATE SET floor_ms = excluded.floor_ms")) {
                p.setLong(1, now);
                return p.executeUpdate();
            }
        });
        floorMs = now;
    }

    /** How far the gateway clock is behind the floor, in ms (0 when it is not). */
    public long behindMs() {
        return Math.max(0, floorMs - base.millis());
    }

    @Override
    public long millis() {
        return Math.max(base.millis(), floorMs);
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the time floor is UTC only");
    }
}
