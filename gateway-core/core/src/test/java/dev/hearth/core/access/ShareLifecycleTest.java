package dev.hearth.core.access;

import static dev.hearth.core.access.HomeFixture.LAMP;
import static dev.hearth.core.access.HomeFixture.OWNER;
import static dev.hearth.core.access.HomeFixture.T0;
import static dev.hearth.core.access.HomeFixture.done;
import static dev.hearth.core.access.HomeFixture.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testkit.ManualClock;
import dev.hearth.testkit.ManualScheduler;
import dev.hearth.driver.api.model.Privilege;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShareLifecycleTest {
    private static final DeviceScope LAMP_1 = new DeviceScope(LAMP);
    private HomeFixture home;

    @BeforeEach
    void setUp(@TempDir Path dir) {
        home = new HomeFixture(dir);
    }

    @AfterEach
    void tearDown() {
        home.close();
    }

    private Share offered(String grantee, Scope scope, Privilege p, Optional<Instant> expires) {
        return done(home.shares.offer(OWNER, grantee, scope, p, expires, T0));
    }

    @Test
    void aPendingShareGrantsNothingUntilTheGranteeAccepts() {
        Share s = offered("u2", LAMP_1, Privilege.OPERATE, Optional.empty());
        assertThat(s.state()).isEqualTo(ShareState.PENDING);
        assertThat(home.allowed("u2", LAMP_1, Operation.READ_STATE, T0)).isFalse();

        assertThat(done(home.shares.accept("u2", s.id(), T0)).state()).isEqualTo(ShareState.ACCEPTED);
        assertThat(home.allowed("u2", LAMP_1, Operation.SET_PROPERTIES, T0)).isTrue();
    }

    @Test
    void onlyTheGranteeAcceptsOrDeclines() {
        Share s = offered("u2", LAMP_1, Privilege.VIEW, Optional.empty());
        assertThat(refusal(home.shares.accept("u3", s.id(), T0))).isEqualTo(ShareResult.Refusal.NOT_GRANTEE);
        assertThat(refusal(home.shares.accept(OWNER, s.id(), T0))).isEqualTo(ShareResult.Refusal.NOT_GRANTEE);
        assertThat(refusal(home.shares.decline("u3", s.id(), T0))).isEqualTo(ShareResult.Refusal.NOT_GRANTEE);
        assertThat(home.shares.find(s.id()).map(Share::state)).contains(ShareState.PENDING);
        assertThat(refusal(home.shares.accept("u2", "s404", T0))).isEqualTo(ShareResult.Refusal.NO_SUCH_SHARE);
    }

    @Test
    void aDeclinedShareGrantsNothingAndCannotBeAcceptedLater() {
        Share s = offered("u2", LAMP_1, Privilege.VIEW, Optional.empty());
        assertThat(done(home.shares.decline("u2", s.id(), T0)).state()).isEqualTo(ShareState.DECLINED);
        assertThat(refusal(home.shares.accept("u2", s.id(), T0))).isEqualTo(ShareResult.Refusal.WRONG_STATE);
        assertThat(home.allowed("u2", LAMP_1, Operation.READ_STATE, T0)).isFalse();
    }

    @Test
    void expiryIsExactToTheInstant() {
        Instant expiry = T0.plusSeconds(3600);
        Share s = home.accepted("u2", LAMP_1, Privilege.OPERATE, Optional.of(expiry));
        assertThat(home.allowed("u2", LAMP_1, Operation.READ_STATE, expiry.minusNanos(1))).isTrue();
        assertThat(home.allowed("u2", LAMP_1, Operation.READ_STATE, expiry)).isFalse();
        assertThat(home.allowed("u2", LAMP_1, Operation.READ_STATE, expiry.plusNanos(1))).isFalse();
        assertThat(s.stateAt(expiry.minusNanos(1))).isEqualTo(ShareState.ACCEPTED);
        assertThat(s.stateAt(expiry)).isEqualTo(ShareState.EXPIRED);

        assertThat(home.shares.expire(expiry.minusNanos(1))).isZero();
        assertThat(home.shares.expire(expiry)).isEqualTo(1);
        assertThat(home.shares.find(s.id()).map(Share::state)).contains(ShareState.EXPIRED);
        assertThat(home.index.of("u2").devices()).isEmpty();
    }

    @Test
    void aPendingShareCannotBeAcceptedAtOrAfterItsExpiry() {
        Instant expiry = T0.plusSeconds(60);
        Share s = offered("u2", LAMP_1, Privilege.VIEW, Optional.of(expiry));
        assertThat(refusal(home.shares.accept("u2", s.id(), expiry))).isEqualTo(ShareResult.Refusal.EXPIRED);
        assertThat(home.shares.find(s.id()).map(Share::state)).contains(ShareState.EXPIRED);
        assertThat(home.allowed("u2", LAMP_1, Operation.READ_STATE, expiry.minusSeconds(30))).isFalse();
    }

    @Test
    void refusesAnExpiryThatIsNotInTheFuture() {
        ShareResult r = home.shares.offer(OWNER, "u2", LAMP_1, Privilege.VIEW, Optional.of(T0), T0);
        assertThat(refusal(r)).isEqualTo(ShareResult.Refusal.INVALID);
    }

    @Test
    void aGranterCannotGrantMoreThanTheyHoldNorWithoutManage() {
        home.accepted("u2", new RoomScope(home.bedroom), Privilege.MANAGE);
        home.accepted("u5", LAMP_1, Privilege.OPERATE);
        // u2 manages the bedroom: may share lamp-1 up to MANAGE, never OWNER, nothing on the home.
        assertThat(done(home.shares.offer("u2", "u3", LAMP_1, Privilege.MANAGE, Optional.empty(), T0)).granter())
                .isEqualTo("u2");
        assertThat(refusal(home.shares.offer("u2", "u3", LAMP_1, Privilege.OWNER, Optional.empty(), T0)))
                .isEqualTo(ShareResult.Refusal.EXCEEDS_GRANTER);
        assertThat(refusal(home.shares.offer("u2", "u3", Scope.HOME, Privilege.VIEW, Optional.empty(), T0)))
                .isEqualTo(ShareResult.Refusal.NOT_ALLOWED);
        // u5 operates lamp-1 but does not manage it: may not share it at all.
        assertThat(refusal(home.shares.offer("u5", "u3", LAMP_1, Privilege.VIEW, Optional.empty(), T0)))
                .isEqualTo(ShareResult.Refusal.NOT_ALLOWED);
        assertThat(refusal(home.shares.offer(OWNER, "u3", new DeviceScope("ghost"), Privilege.VIEW,
                Optional.empty(), T0))).isEqualTo(ShareResult.Refusal.UNKNOWN_TARGET);
        assertThat(refusal(home.shares.offer(OWNER, OWNER, LAMP_1, Privilege.VIEW, Optional.empty(), T0)))
                .isEqualTo(ShareResult.Refusal.INVALID);
    }

    @Test
    void aManagerCannotGrantOwnerAndTheOwnerCannotShareOwnership() {
        home.accepted("u2", Scope.HOME, Privilege.MANAGE);
        assertThat(refusal(home.shares.offer("u2", "u3", LAMP_1, Privilege.OWNER, Optional.empty(), T0)))
                .isEqualTo(ShareResult.Refusal.EXCEEDS_GRANTER);
        assertThat(refusal(home.shares.offer(OWNER, "u3", Scope.HOME, Privilege.OWNER, Optional.empty(), T0)))
                .isEqualTo(ShareResult.Refusal.OWNER_NOT_SHAREABLE);
    }

    @Test
    void aGranterWhoseManageShareExpiredHoldsNothingToShare() {
        home.accepted("u2", LAMP_1, Privilege.MANAGE, Optional.of(T0.plusSeconds(10)));
        assertThat(refusal(home.shares.offer("u2", "u3", LAMP_1, Privilege.VIEW, Optional.empty(), T0.plusSeconds(10))))
                .isEqualTo(ShareResult.Refusal.NOT_ALLOWED);
    }

    @Test
    void anOfferEndsWithItsGrantersRight() {
        Share manage = home.accepted("u2", LAMP_1, Privilege.MANAGE);
        Share offer = done(home.shares.offer("u2", "u3", LAMP_1, Privilege.OPERATE, Optional.empty(), T0));
        done(home.shares.revoke(OWNER, manage.id(), T0));
        assertThat(home.shares.find(offer.id()).map(Share::state)).contains(ShareState.REVOKED);
        assertThat(refusal(home.shares.accept("u3", offer.id(), T0))).isEqualTo(ShareResult.Refusal.WRONG_STATE);
        assertThat(home.allowed("u3", LAMP_1, Operation.READ_STATE, T0)).isFalse();
    }

    @Test
    void anOfferIsOnlyAsGoodAsItsGranterWhenAccepted() {
        home.accepted("u2", new RoomScope(home.bedroom), Privilege.MANAGE);
        Share offer = done(home.shares.offer("u2", "u3", LAMP_1, Privilege.OPERATE, Optional.empty(), T0));
        home.devices.assign(LAMP, Optional.of(home.kitchen)); // no end-of-right pass ran yet
        assertThat(refusal(home.shares.accept("u3", offer.id(), T0))).isEqualTo(ShareResult.Refusal.NOT_ALLOWED);
        assertThat(home.allowed("u3", LAMP_1, Operation.READ_STATE, T0)).isFalse();
    }

    @Test
    void revokedByTheGranterTheOwnerOrAManagerButNoOneElse() {
        home.accepted("m", new RoomScope(home.bedroom), Privilege.MANAGE);
        home.accepted("viewer", LAMP_1, Privilege.VIEW);
        Share byManager = done(home.shares.offer("m", "g", LAMP_1, Privilege.VIEW, Optional.empty(), T0));
        done(home.shares.accept("g", byManager.id(), T0));
        Share second = home.accepted("g2", LAMP_1, Privilege.VIEW);
        Share third = home.accepted("g3", LAMP_1, Privilege.VIEW);

        assertThat(refusal(home.shares.revoke("viewer", byManager.id(), T0))).isEqualTo(ShareResult.Refusal.NOT_ALLOWED);
        assertThat(refusal(home.shares.revoke("g2", byManager.id(), T0))).isEqualTo(ShareResult.Refusal.NOT_ALLOWED);
        assertThat(refusal(home.shares.revoke("stranger", second.id(), T0))).isEqualTo(ShareResult.Refusal.NOT_ALLOWED);

        assertThat(done(home.shares.revoke("m", byManager.id(), T0)).state()).isEqualTo(ShareState.REVOKED); // granter
        assertThat(done(home.shares.revoke(OWNER, second.id(), T0)).state()).isEqualTo(ShareState.REVOKED); // owner
        assertThat(done(home.shares.revoke("m", third.id(), T0)).state()).isEqualTo(ShareState.REVOKED); // manager
        assertThat(refusal(home.shares.revoke(OWNER, third.id(), T0))).isEqualTo(ShareResult.Refusal.WRONG_STATE);
    }

    @Test
    void revocationTakesEffectOnTheNextDecision() {
        Share s = home.accepted("u2", Scope.HOME, Privilege.OPERATE);
        assertThat(home.allowed("u2", LAMP_1, Operation.SET_PROPERTIES, T0)).isTrue();
        done(home.shares.revoke(OWNER, s.id(), T0));
        assertThat(home.allowed("u2", LAMP_1, Operation.READ_STATE, T0)).isFalse();
        assertThat(home.policy.decide("u2", LAMP_1, Operation.READ_STATE, T0).code()).isEqualTo(Decision.Code.NO_ACCESS);
    }

    @Test
    void aRoomShareFollowsDevicesInAndOutOfTheRoom() {
        home.accepted("u2", new RoomScope(home.bedroom), Privilege.OPERATE);
        assertThat(home.allowed("u2", LAMP_1, Operation.SET_PROPERTIES, T0)).isTrue();

        home.devices.assign(LAMP, Optional.of(home.kitchen));
        assertThat(home.allowed("u2", LAMP_1, Operation.READ_STATE, T0)).isFalse();

        home.devices.assign("fan-1", Optional.of(home.bedroom));
        assertThat(home.allowed("u2", new DeviceScope("fan-1"), Operation.SET_PROPERTIES, T0)).isTrue();
    }

    @Test
    void deletingARoomUnassignsItsDevicesAndEndsItsShares() {
        home.rooms.addListener((room, moved) -> home.shares.endSharesOn(new RoomScope(room.id())));
        Share s = home.accepted("u2", new RoomScope(home.bedroom), Privilege.OPERATE);

        assertThat(home.rooms.delete(home.bedroom).isDone()).isTrue();

        assertThat(home.devices.exists(LAMP)).isTrue();
        assertThat(home.devices.roomOf(LAMP)).isEmpty();
        assertThat(home.shares.find(s.id()).map(Share::state)).contains(ShareState.REVOKED);
        assertThat(home.allowed("u2", LAMP_1, Operation.READ_STATE, T0)).isFalse();
        assertThat(home.allowed(OWNER, LAMP_1, Operation.SET_PROPERTIES, T0)).isTrue();
    }

    @Test
    void theHighestOfSeveralGrantsWins() {
        home.accepted("u2", Scope.HOME, Privilege.VIEW);
        Share room = home.accepted("u2", new RoomScope(home.bedroom), Privilege.OPERATE);
        Decision d = home.policy.decide("u2", LAMP_1, Operation.SET_PROPERTIES, T0);
        assertThat(d.allowed()).isTrue();
        assertThat(d.grant().flatMap(Grant::via)).contains(room.id());
        Share dev = home.accepted("u2", LAMP_1, Privilege.MANAGE);
        assertThat(home.policy.decide("u2", LAMP_1, Operation.RENAME_DEVICE, T0).grant().flatMap(Grant::via))
                .contains(dev.id());
        assertThat(home.allowed("u2", new DeviceScope(HomeFixture.OTHER_LAMP), Operation.SET_PROPERTIES, T0)).isFalse();
    }

    @Test
    void purgingAUserRemovesTheirSharesAndAnonymisesTheSharesTheyGave() {
        home.accepted("u2", Scope.HOME, Privilege.MANAGE);
        Share given = done(home.shares.offer("u2", "u3", LAMP_1, Privilege.VIEW, Optional.empty(), T0));
        offered("u2", new RoomScope(home.kitchen), Privilege.VIEW, Optional.empty());

        ShareBook.Purge p = home.shares.purgeUser("u2");

        assertThat(p).isEqualTo(new ShareBook.Purge(2, 1));
        assertThat(home.shares.ofGrantee("u2")).isEmpty();
        assertThat(home.shares.find(given.id()).map(Share::granter)).contains(ShareBook.ERASED_USER);
        assertThat(home.allowed("u2", LAMP_1, Operation.READ_STATE, T0)).isFalse();
        assertThat(home.shares.all()).noneMatch(s -> s.granter().equals("u2") || s.grantee().equals("u2"));
    }

    @Test
    void aShareThatRunsOutIsEndedByTheNextPassAndTheChangeIsAnnounced() {
        Share timed = home.accepted("u2", LAMP_1, Privilege.OPERATE, Optional.of(T0.plusSeconds(45)));
        Share open = home.accepted("u3", LAMP_1, Privilege.VIEW);
        ManualClock clock = new ManualClock(T0);
        ManualScheduler scheduler = new ManualScheduler(clock);
        AtomicInteger announced = new AtomicInteger();
        try (ShareExpiry expiry = new ShareExpiry(home.shares, Duration.ofSeconds(30), clock, scheduler, announced::incrementAndGet)) {
            expiry.start();
            scheduler.advance(Duration.ofSeconds(30));
            assertThat(home.shares.find(timed.id()).map(Share::state)).contains(ShareState.ACCEPTED);
            assertThat(announced).hasValue(0);

            scheduler.advance(Duration.ofSeconds(30));
            assertThat(home.shares.find(timed.id()).map(Share::state)).contains(ShareState.EXPIRED);
            assertThat(home.shares.find(open.id()).map(Share::state)).contains(ShareState.ACCEPTED);
            assertThat(announced).hasValue(1);

            scheduler.advance(Duration.ofMinutes(5));
            assertThat(announced).hasValue(1); // nothing more ended, nothing more announced
        }
        assertThat(scheduler.pending()).isZero();
    }
}
