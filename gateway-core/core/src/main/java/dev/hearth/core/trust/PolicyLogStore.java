package dev.hearth.core.trust;

import dev.hearth.core.storage.Database;
import dev.hearth.core.storage.Schema;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code policy_log} table: each row a gateway-signed entry, exactly as signed. Rows are only
 * appended (revocations too are kept for good); a key's erasure appends a tombstone.
 */
final class PolicyLogStore {
    static final String STORE = "policy-log";
    static final Schema SCHEMA = new Schema("policy_log", List.of(List.of(
            "CREATE TABLE policy_log (seq INTEGER PRIMARY KEY, entry BLOB NOT NULL, signature BLOB NOT NULL)")));

    /** A stored row: the entry bytes and the gateway's signature over them. */
    record Row(long seq, byte[] entry, byte[] signature) {
    }

    private final Database db;

    PolicyLogStore(Database db) {
        db.requireSchema(SCHEMA);
        this.db = db;
    }

    List<Row> loadAll() {
        return db.read(STORE, c -> {
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT seq, entry, signature FROM policy_log ORDER BY rowid");
                 ResultSet r = p.executeQuery()) {
                while (r.next()) rows.add(new Row(r.getLong(1), r.getBytes(2), r.getBytes(3)));
            }
            return rows;
        });
    }

    void append(long seq, byte[] entry, byte[] signature) {
        db.write(STORE, c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO policy_log(seq, entry, signature) VALUES (?, ?, ?)")) {
                p.setLong(1, seq);
                p.setBytes(2, entry);
                p.setBytes(3, signature);
                return p.executeUpdate();
            }
        });
    }
}
