package dev.hearth.core.access;

import static dev.hearth.core.access.HomeFixture.LAMP;
import static dev.hearth.core.access.HomeFixture.OWNER;
import static dev.hearth.core.access.HomeFixture.T0;
import static dev.hearth.core.access.HomeFixture.done;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.home.Room;
import dev.hearth.driver.api.model.Privilege;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rooms, the owner and shares survive closing and reopening the SQLite file; the index is rebuilt. */
class SharePersistenceTest {

    @Test
    void sharesAndRoomsSurviveReopenWithTheIndexRebuilt(@TempDir Path dir) {
        try (HomeFixture home = new HomeFixture(dir)) {
            Instant expiry = T0.plusSeconds(3600).plusNanos(123_456_789);
            Share room = home.accepted("u2", new RoomScope(home.bedroom), Privilege.OPERATE, Optional.of(expiry));
            Share dev = home.accepted("u3", new DeviceScope(LAMP), Privilege.VIEW);
            Share all = home.accepted("u4", Scope.HOME, Privilege.MANAGE);
            Share pending = done(home.shares.offer(OWNER, "u5", Scope.HOME, Privilege.VIEW, Optional.empty(), T0));
            Share revoked = home.accepted("u6", Scope.HOME, Privilege.VIEW);
            done(home.shares.revoke(OWNER, revoked.id(), T0));
            List<Share> before = home.shares.all();
            List<Room> roomsBefore = home.rooms.list();

            home.reopen();

            assertThat(home.shares.all()).isEqualTo(before);
            assertThat(home.rooms.list()).isEqualTo(roomsBefore);
            assertThat(home.home.owner()).isEqualTo(OWNER);
            assertThat(home.shares.find(room.id()).flatMap(Share::expiresAt)).contains(expiry);
            assertThat(home.shares.find(pending.id()).map(Share::state)).contains(ShareState.PENDING);

            // the rebuilt index gives exactly the accepted shares their effect
            Instant now = T0.plusSeconds(1);
            DeviceScope lamp = new DeviceScope(LAMP);
            assertThat(home.allowed("u2", lamp, Operation.SET_PROPERTIES, now)).isTrue();
            assertThat(home.allowed("u2", lamp, Operation.SET_PROPERTIES, expiry)).isFalse();
            assertThat(home.allowed("u3", lamp, Operation.READ_STATE, now)).isTrue();
            assertThat(home.allowed("u3", lamp, Operation.SET_PROPERTIES, now)).isFalse();
            assertThat(home.allowed("u4", new RoomScope(home.kitchen), Operation.EDIT_ROOM, now)).isTrue();
            assertThat(home.allowed("u5", lamp, Operation.READ_STATE, now)).isFalse();
            assertThat(home.allowed("u6", lamp, Operation.READ_STATE, now)).isFalse();
            assertThat(home.index.of("u4").home()).containsExactly(all);
            assertThat(home.index.of("u3").device(LAMP)).containsExactly(dev);

            // the life cycle continues after reopen, and new ids do not collide with stored ones
            assertThat(done(home.shares.accept("u5", pending.id(), now)).state()).isEqualTo(ShareState.ACCEPTED);
            assertThat(home.allowed("u5", lamp, Operation.READ_STATE, now)).isTrue();
            Share fresh = home.accepted("u7", lamp, Privilege.VIEW);
            assertThat(before).extracting(Share::id).doesNotContain(fresh.id());
        }
    }
}
