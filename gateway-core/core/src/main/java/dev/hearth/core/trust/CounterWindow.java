package dev.hearth.core.trust;

import dev.hearth.core.storage.Database;
import dev.hearth.core.storage.Schema;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each user key's command counter (DESIGN.md section 6): the highest accepted and which of the
 * {@link #WINDOW} counters below it were accepted, so a command that overtook another on the way
 * (QoS 1 re-delivery, two phones' commands crossing) still passes once, and a counter is never
 * accepted twice, nor one older than the window. Kept in the {@code user_counter} table before the
 * command runs, so a restart opens no window. Rows exist only for keys the trust book knows (the
 * gate refuses others first), at most {@link #MAX_KEYS}. Not thread-safe: the command worker calls it.
 */
public final class CounterWindow {
    public static final int WINDOW = 64;
    public static final int MAX_KEYS = 20_000;
    static final String STORE = "user-counters";
    public static final Schema SCHEMA = new Schema("user_counter", List.of(List.of(
            "CREATE TABLE user_counter (key TEXT PRIMARY KEY, highest INTEGER NOT NULL, seen INTEGER NOT NULL)")));

    /** What a counter is to a key's window. */
    public enum Verdict { FRESH, REPLAYED, TOO_OLD, FULL }

    private record State(long highest, long seen) {
    }

    private final Database db;
    private final Map<String, State> byKey = new HashMap<>();

    private CounterWindow(Database db) {
        this.db = db;
    }

    public static CounterWindow open(Database db) {
        db.requireSchema(SCHEMA);
        CounterWindow w = new CounterWindow(db);
        w.byKey.putAll(db.read(STORE, c -> {
            Map<String, State> loaded = new HashMap<>();
            try (PreparedStatement p = c.prepareStatement("SELECT key, highest, seen FROM user_counter"); ResultSet r = p.executeQuery()) {
                while (r.next()) loaded.put(r.getString(1), new State(r.getLong(2), r.getLong(3)));
            }
            return loaded;
        }));
        return w;
    }

    /** Whether {@code counter} (above 0) would be accepted for {@code key}; changes nothing. */
    public Verdict check(String key, long counter) {
        State s = byKey.get(key);
        if (s == null) return byKey.size() >= MAX_KEYS ? Verdict.FULL : Verdict.FRESH;
        if (Long.compareUnsigned(counter, s.highest) > 0) return Verdict.FRESH;
        long back = s.highest - counter;
        if (back >= WINDOW) return Verdict.TOO_OLD;
        return (s.seen & (1L << back)) != 0 ? Verdict.REPLAYED : Verdict.FRESH;
    }

    /** Records an accepted counter (after {@link #check} said FRESH); durable when this returns. */
    public void record(String key, long counter) {
        State s = byKey.get(key);
        State next;
        if (s == null) {
            next = new State(counter, 1L);
        } else if (Long.compareUnsigned(counter, s.highest) > 0) {
            long shift = counter - s.highest;
            next = new State(counter, (shift >= WINDOW ? 0L : s.seen << shift) | 1L);
        } else {
            next = new State(s.highest, s.seen | (1L << (s.highest - counter)));
        }
        db.write(STORE, c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO user_counter(key, highest, seen) VALUES (?, ?, ?) "
                    + "ON CONFLICT(key) DO UPDATE SET highest = excluded.highest, seen = excluded.seen")) {
                p.setString(1, key);
                p.setLong(2, next.highest);
                p.setLong(3, next.seen);
                return p.executeUpdate();
            }
        });
        byKey.put(key, next);
    }
}
