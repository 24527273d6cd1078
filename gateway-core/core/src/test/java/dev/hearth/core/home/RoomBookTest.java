package dev.hearth.core.home;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.storage.Database;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoomBookTest {
    @TempDir
    Path dir;
    private Database db;
    private final InMemoryDeviceDirectory devices = new InMemoryDeviceDirectory();
    private RoomBook rooms;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("hearth.db"));
        rooms = RoomBook.open(db, devices, new CountingIds("r_"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private Room created(String name) {
        RoomResult r = rooms.create(name);
        assertThat(r).isInstanceOf(RoomResult.Done.class);
        return ((RoomResult.Done) r).room();
    }

    private static RoomResult.Refusal refusal(RoomResult r) {
        assertThat(r).isInstanceOf(RoomResult.Refused.class);
        return ((RoomResult.Refused) r).code();
    }

    @Test
    void createsRoomsWithGeneratedIdsAndStrippedNames() {
        Room bedroom = created("  Bedroom ");
        Room kitchen = created("Kitchen");
        assertThat(bedroom).isEqualTo(new Room("r_1", "Bedroom"));
        assertThat(kitchen.id()).isEqualTo("r_2");
        assertThat(rooms.list()).containsExactly(bedroom, kitchen);
        assertThat(rooms.find("r_1")).contains(bedroom);
    }

    @Test
    void refusesInvalidNames() {
        assertThat(refusal(rooms.create(""))).isEqualTo(RoomResult.Refusal.INVALID_NAME);
        assertThat(refusal(rooms.create("   "))).isEqualTo(RoomResult.Refusal.INVALID_NAME);
        assertThat(refusal(rooms.create("x".repeat(41)))).isEqualTo(RoomResult.Refusal.INVALID_NAME);
        assertThat(refusal(rooms.create("bed\troom"))).isEqualTo(RoomResult.Refusal.INVALID_NAME);
        assertThat(rooms.list()).isEmpty();
    }

    @Test
    void namesAreUniqueIgnoringCaseAlsoForNonAscii() {
        created("Bedroom");
        created("Ärztezimmer");
        created("Straße");
        assertThat(refusal(rooms.create("BEDROOM"))).isEqualTo(RoomResult.Refusal.DUPLICATE_NAME);
        assertThat(refusal(rooms.create(" bedroom "))).isEqualTo(RoomResult.Refusal.DUPLICATE_NAME);
        assertThat(refusal(rooms.create("ärztezimmer"))).isEqualTo(RoomResult.Refusal.DUPLICATE_NAME);
        assertThat(refusal(rooms.create("STRASSE"))).isEqualTo(RoomResult.Refusal.DUPLICATE_NAME);
        assertThat(rooms.list()).hasSize(3);
    }

    @Test
    void renameKeepsTheIdAndChecksUniquenessAgainstOtherRooms() {
        Room bedroom = created("Bedroom");
        created("Kitchen");
        assertThat(rooms.rename(bedroom.id(), "BEDROOM").isDone()).isTrue(); // its own name, new case
        assertThat(rooms.find(bedroom.id()).map(Room::name)).contains("BEDROOM");
        assertThat(refusal(rooms.rename(bedroom.id(), "kitchen"))).isEqualTo(RoomResult.Refusal.DUPLICATE_NAME);
        assertThat(refusal(rooms.rename(bedroom.id(), "\u0007"))).isEqualTo(RoomResult.Refusal.INVALID_NAME);
        assertThat(refusal(rooms.rename("r_99", "Attic"))).isEqualTo(RoomResult.Refusal.NO_SUCH_ROOM);
        assertThat(rooms.rename(bedroom.id(), "Master bedroom").isDone()).isTrue();
        assertThat(rooms.find(bedroom.id())).contains(new Room(bedroom.id(), "Master bedroom"));
    }

    @Test
    void deleteUnassignsItsDevicesAndTellsListeners() {
        Room bedroom = created("Bedroom");
        Room kitchen = created("Kitchen");
        devices.add("lamp-1", Optional.of(bedroom.id())).add("lamp-2", Optional.of(bedroom.id()))
                .add("kettle", Optional.of(kitchen.id()));
        List<String> heard = new ArrayList<>();
        rooms.addListener((room, moved) -> heard.add(room.id() + ":" + moved));

        RoomResult r = rooms.delete(bedroom.id());

        assertThat(r).isEqualTo(new RoomResult.Done(bedroom, List.of("lamp-1", "lamp-2")));
        assertThat(devices.exists("lamp-1")).isTrue();
        assertThat(devices.roomOf("lamp-1")).isEmpty();
        assertThat(devices.roomOf("lamp-2")).isEmpty();
        assertThat(devices.roomOf("kettle")).contains(kitchen.id());
        assertThat(heard).containsExactly("r_1:[lamp-1, lamp-2]");
        assertThat(rooms.find(bedroom.id())).isEmpty();
        assertThat(refusal(rooms.delete(bedroom.id()))).isEqualTo(RoomResult.Refusal.NO_SUCH_ROOM);
        assertThat(created("bedroom").id()).isEqualTo("r_3"); // the name is free again
    }

    @Test
    void retriesWhenTheIdSupplierRepeatsAnId() {
        rooms = RoomBook.open(db, devices, () -> "r_same");
        created("Bedroom");
        assertThat(refusal(rooms.create("Kitchen"))).isEqualTo(RoomResult.Refusal.NO_FREE_ID);
    }

    @Test
    void roomsSurviveReopeningTheDatabase() {
        Room bedroom = created("Bedroom");
        Room study = created("Study");
        rooms.rename(study.id(), "Office");
        created("Attic");
        rooms.delete("r_3");
        db.close();

        db = Database.open(dir.resolve("hearth.db"));
        RoomBook reopened = RoomBook.open(db, devices, new CountingIds("r_x"));
        assertThat(reopened.list()).containsExactly(bedroom, new Room(study.id(), "Office"));
        assertThat(refusal(reopened.create("OFFICE"))).isEqualTo(RoomResult.Refusal.DUPLICATE_NAME);
    }
}
