package dev.hearth.core.access;

import dev.hearth.core.storage.Database;
import dev.hearth.core.storage.StorageException;
import dev.hearth.driver.api.model.Privilege;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code shares} table. Instants are stored as ISO-8601 text, which round-trips exactly. */
final class ShareStore {
    private static final List<List<String>> MIGRATIONS = List.of(List.of(
            "CREATE TABLE shares (id TEXT PRIMARY KEY, granter TEXT NOT NULL, grantee TEXT NOT NULL,"
                    + " scope TEXT NOT NULL, privilege TEXT NOT NULL, created_at TEXT NOT NULL,"
                    + " expires_at TEXT, state TEXT NOT NULL)",
            "CREATE INDEX shares_by_grantee ON shares(grantee)"));

    private final Database db;

    ShareStore(Database db) {
        this.db = db;
        db.migrate("shares", MIGRATIONS);
    }

    List<Share> loadAll() {
        Connection c = db.connection();
        List<Share> all = new ArrayList<>();
        synchronized (c) {
            try (PreparedStatement p = c.prepareStatement("SELECT id, granter, grantee, scope, privilege,"
                    + " created_at, expires_at, state FROM shares"); ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    all.add(new Share(r.getString(1), r.getString(2), r.getString(3), Scope.parse(r.getString(4)),
                            Privilege.valueOf(r.getString(5)), Instant.parse(r.getString(6)),
                            Optional.ofNullable(r.getString(7)).map(Instant::parse), ShareState.valueOf(r.getString(8))));
                }
            } catch (SQLException e) {
                throw new StorageException("cannot load shares: " + e.getMessage(), e);
            }
        }
        return all;
    }

    void insert(Share s) {
        Connection c = db.connection();
        synchronized (c) {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO shares(id, granter, grantee, scope,"
                    + " privilege, created_at, expires_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                p.setString(1, s.id());
                p.setString(2, s.granter());
                p.setString(3, s.grantee());
                p.setString(4, s.scope().key());
                p.setString(5, s.privilege().name());
                p.setString(6, s.createdAt().toString());
                if (s.expiresAt().isPresent()) {
                    p.setString(7, s.expiresAt().get().toString());
                } else {
                    p.setNull(7, Types.VARCHAR);
                }
                p.setString(8, s.state().name());
                p.executeUpdate();
            } catch (SQLException e) {
                throw new StorageException("cannot store share " + s.id() + ": " + e.getMessage(), e);
            }
        }
    }

    void update(Share s) {
        execute("UPDATE shares SET state = ?, granter = ? WHERE id = ?", s.state().name(), s.granter(), s.id());
    }

    void delete(String shareId) {
        execute("DELETE FROM shares WHERE id = ?", shareId);
    }

    private void execute(String sql, String... params) {
        Connection c = db.connection();
        synchronized (c) {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) p.setString(i + 1, params[i]);
                p.executeUpdate();
            } catch (SQLException e) {
                throw new StorageException("cannot write shares: " + e.getMessage(), e);
            }
        }
    }
}
