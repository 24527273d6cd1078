package dev.hearth.core.home;

import dev.hearth.core.storage.Database;
import java.util.List;

/** The {@code home} component's tables: the home row (id, owner) and the rooms. */
final class HomeSchema {
    private static final List<List<String>> MIGRATIONS = List.of(List.of(
            "CREATE TABLE home (id TEXT PRIMARY KEY, owner TEXT NOT NULL)",
            "CREATE TABLE rooms (id TEXT PRIMARY KEY, name TEXT NOT NULL, name_key TEXT NOT NULL UNIQUE)"));

    private HomeSchema() {
    }

    static void migrate(Database db) {
        db.migrate("home", MIGRATIONS);
    }
}
