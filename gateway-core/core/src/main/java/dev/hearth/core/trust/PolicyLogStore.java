package dev.hearth.core.trust;

import dev.hearth.core.storage.Database;
import dev.hearth.core.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code policy_log} table: each row a gateway-signed entry, exactly as signed. Rows are only
 * appended (revocations too are kept for good); a key's erasure appends a tombstone.
 */
final class PolicyLogStore {
    private static final List<List<String>> MIGRATIONS = List.of(List.of(
            "CREATE TABLE policy_log (seq INTEGER PRIMARY KEY, entry BLOB NOT NULL, signature BLOB NOT NULL)"));

    /** A stored row: the entry bytes and the gateway's signature over them. */
    record Row(long seq, byte[] entry, byte[] signature) {
    }

    private final Database db;

    PolicyLogStore(Database db) {
        this.db = db;
        db.migrate("policy_log", MIGRATIONS);
    }

    List<Row> loadAll() {
        Connection c = db.connection();
        List<Row> rows = new ArrayList<>();
        synchronized (c) {
            try (PreparedStatement p = c.prepareStatement("SELECT seq, entry, signature FROM policy_log ORDER BY rowid");
                 ResultSet r = p.executeQuery()) {
                while (r.next()) rows.add(new Row(r.getLong(1), r.getBytes(2), r.getBytes(3)));
            } catch (SQLException e) {
                throw new StorageException("cannot load the policy log: " + e.getMessage(), e);
            }
        }
        return rows;
    }

    void append(long seq, byte[] entry, byte[] signature) {
        Connection c = db.connection();
        synchronized (c) {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO policy_log(seq, entry, signature) VALUES (?, ?, ?)")) {
                p.setLong(1, seq);
                p.setBytes(2, entry);
                p.setBytes(3, signature);
                p.executeUpdate();
            } catch (SQLException e) {
                throw new StorageException("cannot append to the policy log: " + e.getMessage(), e);
            }
        }
    }
}
