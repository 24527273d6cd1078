package dev.hearth.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.home.CountingIds;
import dev.hearth.core.home.HomeBook;
import dev.hearth.core.home.InMemoryDeviceDirectory;
import dev.hearth.core.home.Room;
import dev.hearth.core.home.RoomBook;
import dev.hearth.core.home.RoomResult;
import dev.hearth.core.storage.Database;
import dev.hearth.driver.api.model.Privilege;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A home on a real SQLite file: owner u1; rooms "Bedroom" (r_1) and "Kitchen" (r_2); lamp-1 in
 * the bedroom, lamp-2 in the kitchen, fan-1 unassigned.
 */
final class HomeFixture implements AutoCloseable {
    static final String OWNER = "u1";
    static final String LAMP = "lamp-1";
    static final String OTHER_LAMP = "lamp-2";
    static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

    final Path file;
    final InMemoryDeviceDirectory devices;
    Database db;
    HomeBook home;
    RoomBook rooms;
    ShareIndex index;
    AccessPolicy policy;
    ShareBook shares;
    String bedroom;
    String kitchen;

    HomeFixture(Path dir) {
        this.file = dir.resolve("hearth.db");
        this.devices = new InMemoryDeviceDirectory();
        open();
        bedroom = room("Bedroom");
        kitchen = room("Kitchen");
        devices.add(LAMP, Optional.of(bedroom)).add(OTHER_LAMP, Optional.of(kitchen)).add("fan-1", Optional.empty());
    }

    /** Opens (or reopens) every store on the same file; the device directory stays. */
    void open() {
        db = Database.open(file);
        home = HomeBook.open(db, "h1", OWNER);
        rooms = RoomBook.open(db, devices, new CountingIds("r_"));
        index = new ShareIndex();
        policy = new AccessPolicy(home, rooms, devices, index);
        shares = ShareBook.open(db, index, policy, home, new CountingIds("s"));
    }

    void reopen() {
        db.close();
        open();
    }

    String room(String name) {
        RoomResult r = rooms.create(name);
        assertThat(r).isInstanceOf(RoomResult.Done.class);
        return ((RoomResult.Done) r).room().id();
    }

    Room roomNamed(String id) {
        return rooms.find(id).orElseThrow();
    }

    /** The owner offers and {@code grantee} accepts; returns the accepted share. */
    Share accepted(String grantee, Scope scope, Privilege p, Optional<Instant> expires) {
        Share offered = done(shares.offer(OWNER, grantee, scope, p, expires, T0));
        return done(shares.accept(grantee, offered.id(), T0));
    }

    Share accepted(String grantee, Scope scope, Privilege p) {
        return accepted(grantee, scope, p, Optional.empty());
    }

    static Share done(ShareResult r) {
        assertThat(r).isInstanceOf(ShareResult.Done.class);
        return ((ShareResult.Done) r).share();
    }

    static ShareResult.Refusal refusal(ShareResult r) {
        assertThat(r).isInstanceOf(ShareResult.Refused.class);
        return ((ShareResult.Refused) r).code();
    }

    boolean allowed(String user, Scope target, Operation op, Instant now) {
        return policy.decide(user, target, op, now).allowed();
    }

    @Override
    public void close() {
        db.close();
    }
}
