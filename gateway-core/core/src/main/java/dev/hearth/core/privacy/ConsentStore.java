package dev.hearth.core.privacy;

import dev.hearth.core.storage.Database;
import dev.hearth.core.storage.StorageException;
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
 * asks on every record); writes go to the database first, then to memory.
 */
public final class ConsentStore implements ConsentState {

    static final String COMPONENT = "consent";
    private static final List<List<String>> MIGRATIONS = List.of(List.of(
            "CREATE TABLE consent_home (id INTEGER PRIMARY KEY CHECK (id = 1), ux_joined INTEGER NOT NULL, "
                    + "changed_at_ms INTEGER NOT NULL, actor TEXT NOT NULL)",
            "CREATE TABLE consent_withdrawal (user_id TEXT PRIMARY KEY, withdrawn_at_ms INTEGER NOT NULL)",
            "CREATE TABLE consent_history (seq INTEGER PRIMARY KEY AUTOINCREMENT, at_ms INTEGER NOT NULL, "
                    + "actor TEXT NOT NULL, subject TEXT NOT NULL, kind TEXT NOT NULL)"));

    private final Database db;
    private final boolean uxDefault;
    private volatile boolean uxJoined;
    private final Map<String, Instant> withdrawals = new ConcurrentHashMap<>();

    /**
     * Opens the store, creating its tables if needed. {@code uxProgrammeDefault} applies while the
     * home has never chosen.
     */
    public ConsentStore(Database db, boolean uxProgrammeDefault) {
        this.db = db;
        this.uxDefault = uxProgrammeDefault;
        db.migrate(COMPONENT, MIGRATIONS);
        load();
    }

    private void load() {
        Connection c = db.connection();
        synchronized (c) {
            try (Statement s = c.createStatement()) {
                try (ResultSet r = s.executeQuery("SELECT ux_joined FROM consent_home WHERE id = 1")) {
                    uxJoined = r.next() ? r.getInt(1) != 0 : uxDefault;
                }
                try (ResultSet r = s.executeQuery("SELECT user_id, withdrawn_at_ms FROM consent_withdrawal")) {
                    while (r.next()) withdrawals.put(r.getString(1), Instant.ofEpochMilli(r.getLong(2)));
                }
            } catch (SQLException e) {
                throw new StorageException("cannot read consent: " + e.getMessage(), e);
            }
        }
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

    /** Records the home joining or leaving the UX programme (the owner decides). */
    public void setUxProgramme(boolean joined, String actor, Instant at) {
        Connection c = db.connection();
        synchronized (c) {
            transaction(c, () -> {
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
            });
            uxJoined = joined;
        }
    }

    /** Records a user's withdrawal. Withdrawing again keeps the first time. */
    public void withdraw(String userId, Instant at) {
        if (userId.isBlank()) throw new IllegalArgumentException("user id must not be blank");
        Connection c = db.connection();
        synchronized (c) {
            transaction(c, () -> {
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO consent_withdrawal(user_id, withdrawn_at_ms) VALUES (?, ?) "
                                + "ON CONFLICT(user_id) DO NOTHING")) {
                    p.setString(1, userId);
                    p.setLong(2, at.toEpochMilli());
                    p.executeUpdate();
                }
                history(c, at, userId, userId, ConsentChange.Kind.WITHDRAWN);
            });
            withdrawals.putIfAbsent(userId, Instant.ofEpochMilli(at.toEpochMilli()));
        }
    }

    /** Every change, oldest first. */
    public List<ConsentChange> history() {
        Connection c = db.connection();
        synchronized (c) {
            List<ConsentChange> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT at_ms, actor, subject, kind FROM consent_history ORDER BY seq")) {
                while (r.next()) {
                    out.add(new ConsentChange(Instant.ofEpochMilli(r.getLong(1)), r.getString(2), r.getString(3),
                            ConsentChange.Kind.valueOf(r.getString(4))));
                }
            } catch (SQLException e) {
                throw new StorageException("cannot read consent history: " + e.getMessage(), e);
            }
            return out;
        }
    }

    private static void history(Connection c, Instant at, String actor, String subject, ConsentChange.Kind kind)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "INSERT INTO consent_history(at_ms, actor, subject, kind) VALUES (?, ?, ?, ?)")) {
            p.setLong(1, at.toEpochMilli());
            p.setString(2, actor);
            p.setString(3, subject);
            p.setString(4, kind.name());
            p.executeUpdate();
        }
    }

    private interface SqlWork {
        void run() throws SQLException;
    }

    private static void transaction(Connection c, SqlWork work) {
        try {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                work.run();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new StorageException("cannot record consent: " + e.getMessage(), e);
        }
    }
}
