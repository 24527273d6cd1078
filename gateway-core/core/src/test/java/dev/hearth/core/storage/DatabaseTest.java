package dev.hearth.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @Test
    void runsEachMigrationOnceAndKeepsDataAcrossReopen(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("hearth.db");
        List<List<String>> v1 = List.of(List.of("CREATE TABLE t (x INTEGER)", "INSERT INTO t VALUES (1)"));
        try (Database db = Database.open(file)) {
            db.migrate("t", v1);
            db.migrate("t", v1);
            assertThat(db.version("t")).isEqualTo(1);
        }
        List<List<String>> v2 = List.of(v1.get(0), List.of("INSERT INTO t VALUES (2)"));
        try (Database db = Database.open(file)) {
            db.migrate("t", v2);
            try (Statement s = db.connection().createStatement(); ResultSet r = s.executeQuery("SELECT sum(x) FROM t")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getInt(1)).isEqualTo(3);
            }
            try (Statement s = db.connection().createStatement(); ResultSet r = s.executeQuery("PRAGMA journal_mode")) {
                r.next();
                assertThat(r.getString(1)).isEqualToIgnoringCase("wal");
            }
            assertThat(db.version("t")).isEqualTo(2);
            assertThat(db.version("other")).isZero();
        }
    }
}
