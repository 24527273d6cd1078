package dev.hearth.core.home;

import dev.hearth.core.registry.DeviceDirectory;

import dev.hearth.core.storage.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The rooms of the home, persisted in the gateway database and held in memory for lookups.
 * Names are unique per home, ignoring case ({@link DisplayNames#key}). Deleting a room never
 * deletes its devices: they become unassigned in the {@link DeviceDirectory}, and the result and
 * the {@link RoomListener}s say which.
 *
 * <p>Permission checks are the caller's: decide {@code EDIT_ROOM} with the access policy first.
 * Mutations are serialised; reads are lock-free. Writes run on the storage thread and are reported
 * to storage health as {@value #STORE}.
 */
public final class RoomBook {
    static final String STORE = "rooms";
    private static final int ID_ATTEMPTS = 8;

    private final Database db;
    private final DeviceDirectory devices;
    private final Supplier<String> ids;
    private final Map<String, Room> byId = new ConcurrentHashMap<>();
    private final List<RoomListener> listeners = new CopyOnWriteArrayList<>();

    private RoomBook(Database db, DeviceDirectory devices, Supplier<String> ids) {
        this.db = db;
        this.devices = devices;
        this.ids = ids;
    }

    /** Loads the rooms (the {@code home} tables, shared with {@link HomeBook}, were applied at open). */
    public static RoomBook open(Database db, DeviceDirectory devices, Supplier<String> ids) {
        RoomBook book = new RoomBook(Objects.requireNonNull(db, "db"),
                Objects.requireNonNull(devices, "devices"), Objects.requireNonNull(ids, "ids"));
        db.requireSchema(HomeSchema.SCHEMA);
        book.load();
        return book;
    }

    /** Registers a listener told after each delete. */
    public void addListener(RoomListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public Optional<Room> find(String roomId) {
        return Optional.ofNullable(byId.get(roomId));
    }

    /** All rooms, by name. */
    public List<Room> list() {
        List<Room> rooms = new ArrayList<>(byId.values());
        rooms.sort(Comparator.comparing((Room r) -> DisplayNames.key(r.name())).thenComparing(Room::id));
        return rooms;
    }

    public synchronized RoomResult create(String name) {
        Optional<RoomResult> bad = checkName(name, Optional.empty());
        if (bad.isPresent()) return bad.get();
        for (int attempt = 0; attempt < ID_ATTEMPTS; attempt++) {
            String id = ids.get();
            if (id == null || id.isBlank() || byId.containsKey(id)) continue;
            Room room = new Room(id, DisplayNames.clean(name));
            write("INSERT INTO rooms(id, name, name_key) VALUES (?, ?, ?)", id, room.name(), DisplayNames.key(name));
            byId.put(id, room);
            return new RoomResult.Done(room, List.of());
        }
        return new RoomResult.Refused(RoomResult.Refusal.NO_FREE_ID, "could not draw an unused room id");
    }

    public synchronized RoomResult rename(String roomId, String name) {
        Room old = byId.get(roomId);
        if (old == null) return noSuchRoom(roomId);
        Optional<RoomResult> bad = checkName(name, Optional.of(roomId));
        if (bad.isPresent()) return bad.get();
        Room room = new Room(roomId, DisplayNames.clean(name));
        write("UPDATE rooms SET name = ?, name_key = ? WHERE id = ?", room.name(), DisplayNames.key(name), roomId);
        byId.put(roomId, room);
        return new RoomResult.Done(room, List.of());
    }

    /** Deletes the room; its devices become unassigned (never deleted). */
    public synchronized RoomResult delete(String roomId) {
        Room room = byId.get(roomId);
        if (room == null) return noSuchRoom(roomId);
        write("DELETE FROM rooms WHERE id = ?", roomId);
        byId.remove(roomId);
        List<String> moved = List.copyOf(devices.devicesIn(roomId));
        for (String deviceId : moved) devices.assign(deviceId, Optional.empty());
        for (RoomListener l : listeners) l.roomDeleted(room, moved);
        return new RoomResult.Done(room, moved);
    }

    private Optional<RoomResult> checkName(String name, Optional<String> exceptRoom) {
        Optional<String> problem = DisplayNames.problem(name);
        if (problem.isPresent()) {
            return Optional.of(new RoomResult.Refused(RoomResult.Refusal.INVALID_NAME, problem.get()));
        }
        String key = DisplayNames.key(name);
        for (Room r : byId.values()) {
            if (!exceptRoom.equals(Optional.of(r.id())) && DisplayNames.key(r.name()).equals(key)) {
                return Optional.of(new RoomResult.Refused(RoomResult.Refusal.DUPLICATE_NAME,
                        "a room named \"" + r.name() + "\" already exists"));
            }
        }
        return Optional.empty();
    }

    private static RoomResult noSuchRoom(String roomId) {
        return new RoomResult.Refused(RoomResult.Refusal.NO_SUCH_ROOM, "there is no room " + roomId);
    }

    private void load() {
        List<Room> stored = db.read(STORE, c -> {
            List<Room> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT id, name FROM rooms");
                 ResultSet r = p.executeQuery()) {
                while (r.next()) out.add(new Room(r.getString(1), r.getString(2)));
            }
            return out;
        });
        stored.forEach(room -> byId.put(room.id(), room));
    }

    private void write(String sql, String... params) {
        db.write(STORE, c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) p.setString(i + 1, params[i]);
                return p.executeUpdate();
            }
        });
    }
}
