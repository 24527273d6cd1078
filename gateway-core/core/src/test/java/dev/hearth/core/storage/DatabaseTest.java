package dev.hearth.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    private static final Schema T1 = new Schema("t", List.of(List.of("CREATE TABLE t (x INTEGER)", "INSERT INTO t VALUES (1)")));
    private static final Schema NUMBERS = new Schema("numbers", List.of(List.of("CREATE TABLE numbers (n INTEGER NOT NULL)")));

    @TempDir Path dir;

    private static int sum(Database db, String table) {
        return db.read("test", c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT coalesce(sum(x), 0) FROM " + table)) {
                r.next();
                return r.getInt(1);
            }
        });
    }

    @Test
    void appliesEachMigrationOnceAtOpenAndKeepsDataAcrossReopen() {
        Path file = dir.resolve("hearth.db");
        try (Database db = Database.open(file, List.of(T1))) {
            assertThat(db.version("t")).isEqualTo(1);
        }
        Schema t2 = new Schema("t", List.of(T1.migrations().get(0), List.of("INSERT INTO t VALUES (2)")));
        try (Database db = Database.open(file, List.of(t2))) {
            assertThat(sum(db, "t")).isEqualTo(3);
            String mode = db.read("test", c -> {
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA journal_mode")) {
                    r.next();
                    return r.getString(1);
                }
            });
            assertThat(mode).isEqualToIgnoringCase("wal");
            assertThat(db.version("t")).isEqualTo(2);
            assertThat(db.version("other")).isZero();
        }
        try (Database db = Database.open(file, List.of(t2))) {
            assertThat(sum(db, "t")).as("no migration runs twice").isEqualTo(3);
        }
    }

    @Test
    void theSchemasOfAllStoresAreAppliedInOneTransactionAllOrNone() {
        Path file = dir.resolve("hearth.db");
        Schema broken = new Schema("broken", List.of(List.of("CREATE TABLE b (x INTEGER)", "NOT SQL AT ALL")));
        assertThatThrownBy(() -> Database.open(file, List.of(T1, broken))).isInstanceOf(StorageException.class)
                .hasMessageContaining("cannot migrate");
        try (Database db = Database.open(file, List.of())) {
            assertThat(db.version("t")).as("the good schema was rolled back with the broken one").isZero();
        }
    }

    @Test
    void aStoreWhoseSchemaWasNotAppliedAtOpenIsRefused() {
        try (Database db = Database.open(dir.resolve("hearth.db"), List.of(T1))) {
            db.requireSchema(T1);
            assertThatThrownBy(() -> db.requireSchema(NUMBERS)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("numbers");
        }
    }

    @Test
    void everyJdbcCallRunsOnTheStorageThreadWhoeverAsks() throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<CompletableFuture<Void>> callers = new ArrayList<>();
        try (Database db = Database.open(dir.resolve("hearth.db"), List.of(NUMBERS), Clock.systemUTC(),
                (thread, call) -> threads.add(thread.getName()))) {
            for (int i = 0; i < 4; i++) {
                int n = i;
                callers.add(CompletableFuture.runAsync(() -> db.write("numbers", c -> {
                    try (PreparedStatement p = c.prepareStatement("INSERT INTO numbers VALUES (?)")) {
                        p.setInt(1, n);
                        return p.executeUpdate();
                    }
                })));
            }
            CompletableFuture.allOf(callers.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            int count = db.read("numbers", c -> {
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM numbers")) {
                    r.next();
                    return r.getInt(1);
                }
            });
            assertThat(count).isEqualTo(4);
        }
        assertThat(threads).containsExactly("hearth-storage");
    }

    @Test
    void aConnectionOrStatementThatEscapesItsWorkIsRefusedOnAnyOtherThread() {
        AtomicReference<Connection> escaped = new AtomicReference<>();
        AtomicReference<Statement> statement = new AtomicReference<>();
        try (Database db = Database.open(dir.resolve("hearth.db"), List.of(NUMBERS), Clock.systemUTC(), (t, call) -> { })) {
            db.read("test", c -> {
                escaped.set(c);
                statement.set(c.createStatement());
                return null;
            });
            assertThatThrownBy(() -> escaped.get().createStatement()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("only the storage thread");
            assertThatThrownBy(() -> statement.get().execute("DELETE FROM numbers")).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void writesOfOneSubmitterRunInTheOrderSubmitted() throws Exception {
        try (Database db = Database.open(dir.resolve("hearth.db"), List.of(NUMBERS))) {
            List<CompletableFuture<Integer>> writes = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                writes.add(db.writeAsync("numbers", c -> {
                    try (PreparedStatement p = c.prepareStatement("INSERT INTO numbers VALUES (?)")) {
                        p.setInt(1, n);
                        return p.executeUpdate();
                    }
                }));
            }
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            List<Integer> order = db.read("numbers", c -> {
                List<Integer> out = new ArrayList<>();
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT n FROM numbers ORDER BY rowid")) {
                    while (r.next()) out.add(r.getInt(1));
                }
                return out;
            });
            assertThat(order).hasSize(200).isSorted();
        }
    }

    @Test
    void aFailedWriteMakesItsStoreFailingUnderItsNameUntilItWritesAgain() {
        List<String> errors = new ArrayList<>();
        try (Database db = Database.open(dir.resolve("hearth.db"), List.of(NUMBERS))) {
            db.health().onError(errors::add);
            db.read("test", c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA query_only=ON"); // every write now fails as on a read-only file system
                }
                return null;
            });
            assertThatThrownBy(() -> db.write("numbers", c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("INSERT INTO numbers VALUES (1)");
                }
            })).isInstanceOf(StorageException.class).hasMessageContaining("numbers");
            assertThat(db.health().failing("numbers")).isTrue();
            assertThat(db.health().problem()).hasValueSatisfying(p -> assertThat(p).startsWith("numbers: ").containsIgnoringCase("readonly"));
            assertThat(errors).containsExactly("numbers");

            db.read("test", c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA query_only=OFF");
                }
                return null;
            });
            db.write("numbers", c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("INSERT INTO numbers VALUES (2)");
                }
            });
            assertThat(db.health().healthy()).isTrue();
        }
    }

    @Test
    void aConstraintViolationIsTheCallersErrorNotAStorageFault() {
        try (Database db = Database.open(dir.resolve("hearth.db"), List.of(NUMBERS))) {
            assertThatThrownBy(() -> db.write("numbers", c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("INSERT INTO numbers VALUES (NULL)");
                }
            })).isInstanceOf(StorageException.class);
            assertThat(db.health().healthy()).isTrue();
        }
    }

    @Test
    void aFullDatabaseFailsOnlyTheWriteThatNeedsSpaceAndEveryOtherStoreKeepsWriting() {
        Schema blobs = new Schema("blobs", List.of(List.of("CREATE TABLE blobs (b BLOB NOT NULL)")));
        try (Database db = Database.open(dir.resolve("hearth.db"), List.of(NUMBERS, blobs))) {
            db.write("numbers", c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("INSERT INTO numbers VALUES (1)");
                }
            });
            db.read("test", c -> { // the file may grow no further: SQLITE_FULL, as on a full disk
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA page_count")) {
                    r.next();
                    s.execute("PRAGMA max_page_count = " + r.getLong(1));
                }
                return null;
            });
            for (int attempt = 0; attempt < 3; attempt++) {
                assertThatThrownBy(() -> db.write("blobs", c -> {
                    try (PreparedStatement p = c.prepareStatement("INSERT INTO blobs VALUES (?)")) {
                        p.setBytes(1, new byte[256 * 1024]);
                        return p.executeUpdate();
                    }
                })).isInstanceOf(StorageException.class).hasMessageContaining("SQLITE_FULL");
                // the connection is usable at once: no transaction left open by the failed one
                db.write("numbers", c -> {
                    try (Statement s = c.createStatement()) {
                        return s.executeUpdate("UPDATE numbers SET n = n + 1");
                    }
                });
            }
            assertThat(db.health().failing("blobs")).isTrue();
            assertThat(db.health().failing("numbers")).isFalse();
            assertThat(db.health().problem()).hasValueSatisfying(p -> assertThat(p).startsWith("blobs: ").contains("full"));
        }
    }
}
