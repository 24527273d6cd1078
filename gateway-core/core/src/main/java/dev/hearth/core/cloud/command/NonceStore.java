package dev.hearth.core.cloud.command;

import com.google.protobuf.ByteString;
import dev.hearth.core.storage.Database;
import dev.hearth.core.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The nonces of accepted commands in the gateway's SQLite database, each with the time after which
 * its command can no longer pass the expiry check: a command captured before a restart is still
 * refused as REPLAYED after it. Only {@link ReplayCache} writes here, and only what it holds in
 * memory, so the table has the cache's bound (plus at most one prune interval of expired rows).
 */
final class NonceStore {
    static final String COMPONENT = "replay";
    private static final List<List<String>> MIGRATIONS = List.of(List.of(
            "CREATE TABLE replay_nonce (nonce BLOB PRIMARY KEY, forget_after_ms INTEGER NOT NULL)",
            "CREATE INDEX replay_nonce_forget ON replay_nonce(forget_after_ms)"));

    private final Database db;

    NonceStore(Database db) {
        this.db = db;
        db.migrate(COMPONENT, MIGRATIONS);
    }

    /** Deletes the nonces forgotten before {@code nowMs} and returns the others. */
    Map<ByteString, Long> live(long nowMs) {
        forgetBefore(nowMs);
        Connection c = db.connection();
        synchronized (c) {
            try (PreparedStatement p = c.prepareStatement("SELECT nonce, forget_after_ms FROM replay_nonce")) {
                Map<ByteString, Long> out = new HashMap<>();
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) out.put(ByteString.copyFrom(r.getBytes(1)), r.getLong(2));
                }
                return out;
            } catch (SQLException e) {
                throw new StorageException("cannot read the seen command nonces: " + e.getMessage(), e);
            }
        }
    }

    /** Remembers {@code nonce}; durable when this returns (WAL commit: survives a process crash). */
    void insert(ByteString nonce, long forgetAfterMs) {
        Connection c = db.connection();
        synchronized (c) {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO replay_nonce(nonce, forget_after_ms) VALUES (?, ?) "
                    + "ON CONFLICT(nonce) DO UPDATE SET forget_after_ms = excluded.forget_after_ms")) {
                p.setBytes(1, nonce.toByteArray());
                p.setLong(2, forgetAfterMs);
                p.executeUpdate();
            } catch (SQLException e) {
                throw new StorageException("cannot store a command nonce: " + e.getMessage(), e);
            }
        }
    }

    void forgetBefore(long nowMs) {
        Connection c = db.connection();
        synchronized (c) {
            try (PreparedStatement p = c.prepareStatement("DELETE FROM replay_nonce WHERE forget_after_ms < ?")) {
                p.setLong(1, nowMs);
                p.executeUpdate();
            } catch (SQLException e) {
                throw new StorageException("cannot prune the command nonces: " + e.getMessage(), e);
            }
        }
    }

    int size() {
        Connection c = db.connection();
        synchronized (c) {
            try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM replay_nonce");
                 ResultSet r = p.executeQuery()) {
                return r.next() ? r.getInt(1) : 0;
            } catch (SQLException e) {
                throw new StorageException("cannot count the command nonces: " + e.getMessage(), e);
            }
        }
    }
}
