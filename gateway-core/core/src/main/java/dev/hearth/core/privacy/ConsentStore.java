package dev.hearth.core.privacy;

import dev.hearth.core.storage.Database;
import dev.hearth.core.storage.Schema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Consent, kept in the gateway's SQLite database: the home's UX-programme opt-in and each user's
 * withdrawal, with every change appended to a history table. Reads come from memory (the filter
 * asks on every record); writes go to the database first (on the storage thread, reported to
 * storage health as {@value #STORE}), then to memory.
 */
public final class ConsentStore implements ConsentState {

    static final String COMPONENT = "consent";
    static final String STORE = "consent";
    /** The consent tables, applied when the database opens. */
    public static final Schema SCHEMA = new Schema(COMPONENT, List.of(List.of(
            "CREATE TABLE consent_home (id INTEGER PRIMARY KEY CHECK (id = 1), ux_joined INTEGER NOT NULL, "
                    + "changed_at_ms INTEGER NOT NULL, actor TEXT NOT NULL)",
            "CREATE TABLE consent_withdrawal (user_id TEXT PRIMARY KEY, withdrawn_at_ms INTEGER NOT NULL)",
            "CREATE TABLE consent_history (seq INTEGER PRIMARY KEY AUTOINCREMENT, at_ms INTEGER NOT NULL, "
                    + "actor TEXT NOT NULL, subject TEXT NOT NULL, kind TEXT NOT NULL)"),
            // rights requests are recorded with their outcome (issue 19)
            List.of("ALTER TABLE consent_history ADD COLUMN result TEXT NOT NULL DEFAULT ''")));

    private final Database db;
    private final boolean uxDefault;
    private volatile boolean uxJoined;
    private final Map<String, Instant> withdrawals = new ConcurrentHashMap<>();
    private volatile java.util.function.Consumer<Boolean> uxListener = joined -> { };

    /**
     * Opens the store, creating its tables if needed. {@code uxProgrammeDefault} applies while the
     * home has never chosen.
     */
    public ConsentStore(Database db, boolean uxProgrammeDefault) {
        db.requireSchema(SCHEMA);
        this.db = db;
        this.uxDefault = uxProgrammeDefault;
        load();
    }

    private void load() {
        uxJoined = db.read(STORE, c -> {
            try (Statement s = c.createStatement()) {
                try (ResultSet r = s.executeQuery("SELECT user_id, withdrawn_at_ms FROM consent_withdrawal")) {
                    while (r.next()) withdrawals.put(r.getString(1), Instant.ofEpochMilli(r.getLong(2)));
                }
                try (ResultSet r = s.executeQuery("SELECT ux_joined FROM consent_home WHERE id = 1")) {
                    return r.next() ? r.getInt(1) != 0 : uxDefault;
                }
            }
        });
    }

    @Override
    public boolean uxProgrammeJoined() {
        return uxJoined;
    }

    @Override
    public boolean withdrawn(String userId) {
        return withdrawals.containsKey(userId);
    }

    @Override
    public boolean anyWithdrawn() {
        return !withdrawals.isEmpty();
    }

    /** When this user withdrew, if they did. */
    public Optional<Instant> withdrawnAt(String userId) {
        return Optional.ofNullable(withdrawals.get(userId));
    }

    /** Told after the home joins (true) or leaves (false) the UX programme, outside the store's lock. */
    public void onUxProgramme(java.util.function.Consumer<Boolean> listener) {
        this.uxListener = java.util.Objects.requireNonNull(listener, "listener");
    }

    /** Records the home joining or leaving the UX programme (the owner decides). */
    public void setUxProgramme(boolean joined, String actor, Instant at) {
        setUxLocked(joined, actor, at);
        uxListener.accept(joined);
    }

    private synchronized void setUxLocked(boolean joined, String actor, Instant at) {
        db.write(STORE, c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO consent_home(id, ux_joined, changed_at_ms, actor) VALUES (1, ?, ?, ?) "
                            + "ON CONFLICT(id) DO UPDATE SET ux_joined = excluded.ux_joined, "
                            + "changed_at_ms = excluded.changed_at_ms, actor = excluded.actor")) {
                p.setInt(1, joined ? 1 : 0);
                p.setLong(2, at.toEpochMilli());
                p.setString(3, actor);
                p.executeUpdate();
            }
            history(c, at, actor, ConsentChange.HOME,
                    joined ? ConsentChange.Kind.UX_PROGRAMME_JOINED : ConsentChange.Kind.UX_PROGRAMME_LEFT);
            return null;
        });
        uxJoined = joined;
    }

    /** Records a user's withdrawal. Withdrawing again keeps the first time. */
    public void withdraw(String userId, Instant at) {
        withdraw(userId, userId, at);
    }

    /** Records a user's withdrawal asked by {@code actor} (the user, or the owner on their behalf). */
    public synchronized void withdraw(String userId, String actor, Instant at) {
        if (userId.isBlank()) throw new IllegalArgumentException("user id must not be blank");
        db.write(STORE, c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO consent_withdrawal(user_id, withdrawn_at_ms) VALUES (?, ?) "
                            + "ON CONFLICT(user_id) DO NOTHING")) {
                p.setString(1, userId);
                p.setLong(2, at.toEpochMilli());
                p.executeUpdate();
            }
            history(c, at, actor, userId, ConsentChange.Kind.WITHDRAWN);
            return null;
        });
        withdrawals.putIfAbsent(userId, Instant.ofEpochMilli(at.toEpochMilli()));
    }

    /** Every change, oldest first. */
    public List<ConsentChange> history() {
        return db.read(STORE, c -> {
            List<ConsentChange> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT at_ms, actor, subject, kind, result FROM consent_history ORDER BY seq")) {
                while (r.next()) {
                    out.add(new ConsentChange(Instant.ofEpochMilli(r.getLong(1)), r.getString(2), r.getString(3),
                            ConsentChange.Kind.valueOf(r.getString(4)), r.getString(5)));
                }
            }
            return out;
        });
    }

    /** Records a rights request (an export, an erasure) with its outcome, for the user's export. */
    public void recordRequest(String actor, String subject, ConsentChange.Kind kind, String result, Instant at) {
        if (kind != ConsentChange.Kind.EXPORTED && kind != ConsentChange.Kind.ERASED) {
            throw new IllegalArgumentException(kind + " is a consent change, not a request");
        }
        db.write(STORE, c -> {
            history(c, at, actor, subject, kind, result);
            return null;
        });
    }

    private static void history(Connection c, Instant at, String actor, String subject, ConsentChange.Kind kind)
            throws SQLException {
        history(c, at, actor, subject, kind, "");
    }

    private static void history(Connection c, Instant at, String actor, String subject, ConsentChange.Kind kind,
                                String result) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO consent_history(at_ms, actor, subject, kind, result) VALUES (?, ?, ?, ?, ?)")) {
            p.setLong(1, at.toEpochMilli());
            p.setString(2, actor);
            p.setString(3, subject);
            p.setString(4, kind.name());
            p.setString(5, result);
            p.executeUpdate();
        }
    }
}
