package dev.hearth.core.home;

import dev.hearth.core.storage.Schema;
import java.util.List;

/** The {@code home} component's tables: the home row (id, owner) and the rooms. */
final class HomeSchema {
    static final Schema SCHEMA = new Schema("home", List.of(List.of(
            "CREATE TABLE home (id TEXT PRIMARY KEY, owner TEXT NOT NULL)",
            "CREATE TABLE rooms (id TEXT PRIMARY KEY, name TEXT NOT NULL, name_key TEXT NOT NULL UNIQUE)")));

    private HomeSchema() {
    }
}
