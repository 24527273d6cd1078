package dev.hearth.core.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;

/** Applies every store's {@link Schema} at open (DESIGN.md section 8.2). Storage thread only. */
final class SchemaMigration {
    private SchemaMigration() {
    }

    /** Every component's migrations after its recorded version, all in one transaction: all or none (the caller rolls back on failure). */
    static void apply(Connection c, Collection<Schema> all) throws SQLException {
        try (Statement begin = c.createStatement()) {
            begin.execute("BEGIN");
        }
        try (Statement s = c.createStatement();
             PreparedStatement version = c.prepareStatement("SELECT version FROM schema_version WHERE component = ?");
             PreparedStatement record = c.prepareStatement("INSERT INTO schema_version(component, version) VALUES (?, ?) "
                     + "ON CONFLICT(component) DO UPDATE SET version = excluded.version")) {
            for (Schema schema : all) {
                version.setString(1, schema.component());
                int current;
                try (ResultSet r = version.executeQuery()) {
                    current = r.next() ? r.getInt(1) : 0;
                }
                List<List<String>> migrations = schema.migrations();
                if (current > migrations.size()) {
                    throw new SQLException(schema.component() + " is at version " + current
                            + ", newer than this gateway knows (" + migrations.size() + ")");
                }
                for (int v = current; v < migrations.size(); v++) {
                    for (String sql : migrations.get(v)) s.execute(sql);
                    record.setString(1, schema.component());
                    record.setInt(2, v + 1);
                    record.executeUpdate();
                }
            }
        }
        try (Statement commit = c.createStatement()) {
            commit.execute("COMMIT");
        }
    }
}
