package dev.hearth.core.online;

import dev.hearth.config.FlapDamping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testkit.ManualClock;
import dev.hearth.testkit.ManualScheduler;
import dev.hearth.driver.api.OfflineReason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OnlineTrackerTest {
    private final ManualClock clock = new ManualClock();
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final FlapDamping settings = new FlapDamping(4, Duration.ofSeconds(60), Duration.ofSeconds(30));
    private final OnlineTracker tracker = new OnlineTracker(clock, scheduler, settings);
    private final List<Availability> published = new ArrayList<>();

    OnlineTrackerTest() {
        tracker.addListener(published::add);
    }

    private Instant now() {
        return clock.instant();
    }

    private Availability last() {
        return published.get(published.size() - 1);
    }

    @Test
    void listenersAreToldAfterTheTrackersLockIsReleasedAndInOrder() {
        List<Boolean> locked = new ArrayList<>();
        List<OnlineStatus> seen = new ArrayList<>();
        tracker.addListener(a -> {
            locked.add(Thread.holdsLock(tracker));
            seen.add(a.status());
            // a listener may call back into the tracker, even to change it: its change comes after this one
            if (a.status() == OnlineStatus.ONLINE) tracker.markOffline("lamp", OfflineReason.MDNS_GOODBYE, "goodbye", now());
        });
        tracker.cameOnline("lamp", 1, now());

        assertThat(seen).containsExactly(OnlineStatus.ONLINE, OnlineStatus.OFFLINE);
        assertThat(locked).containsOnly(false);
        assertThat(published).extracting(Availability::status).containsExactly(OnlineStatus.ONLINE, OnlineStatus.OFFLINE);
    }

    @Test
    void startsUnknownAndGoesOnlineWithSessionOne() {
        tracker.track("lamp", 0);
        assertThat(tracker.availability("lamp").orElseThrow().status()).isEqualTo(OnlineStatus.UNKNOWN);

        Instant at = now();
        tracker.cameOnline("lamp", 1, at);

        assertThat(published).hasSize(1);
        assertThat(last().status()).isEqualTo(OnlineStatus.ONLINE);
        assertThat(last().session()).isEqualTo(1);
        assertThat(last().since()).isEqualTo(at);
        assertThat(last().reason()).isEmpty();
        assertThat(last().damped()).isFalse();
    }

    @Test
    void goesOfflineWithTheReasonDetailAndSinceAndKeepsTheSession() {
        tracker.cameOnline("lamp", 1, now());
        clock.advance(Duration.ofSeconds(5));
        Instant at = now();
        tracker.wentOffline("lamp", 1, OfflineReason.HEARTBEAT_TIMEOUT, "no heartbeat for 3 intervals", at);

        assertThat(last().status()).isEqualTo(OnlineStatus.OFFLINE);
        assertThat(last().reason()).contains(OfflineReason.HEARTBEAT_TIMEOUT);
        assertThat(last().detail()).isEqualTo("no heartbeat for 3 intervals");
        assertThat(last().since()).isEqualTo(at);
        assertThat(last().session()).isEqualTo(1);
    }

    @Test
    void sessionIncreasesAtEveryOnlineAndContinuesFromTheStoredOne() {
        tracker.track("lamp", 41);
        tracker.cameOnline("lamp", 1, now());
        tracker.wentOffline("lamp", 1, OfflineReason.CONNECTION_CLOSED, "reset", now());
        tracker.cameOnline("lamp", 2, now());

        assertThat(published).extracting(Availability::session).containsExactly(42L, 42L, 43L);
    }

    @Test
    void aDeviceNeverReachedGoesFromUnknownToOfflineWithTheDriversReason() {
        tracker.track("fan", 0);
        Instant at = now();
        tracker.wentOffline("fan", 0, OfflineReason.NO_RESPONSE, "no reply", at);

        assertThat(published).hasSize(1);
        assertThat(last().status()).isEqualTo(OnlineStatus.OFFLINE);
        assertThat(last().reason()).contains(OfflineReason.NO_RESPONSE);
        assertThat(last().since()).isEqualTo(at);
        assertThat(last().session()).isZero();
        assertThat(tracker.isLive("fan")).isFalse();

        tracker.wentOffline("fan", 0, OfflineReason.NO_RESPONSE, "no reply again", now());
        assertThat(published).hasSize(1);
        tracker.cameOnline("fan", 1, now());
        assertThat(last().status()).isEqualTo(OnlineStatus.ONLINE);
        assertThat(last().session()).isEqualTo(1);
    }

    @Test
    void ignoresALateOfflineOfAnOlderLink() {
        tracker.cameOnline("lamp", 1, now());
        tracker.cameOnline("lamp", 2, now());
        int before = published.size();

        tracker.wentOffline("lamp", 1, OfflineReason.CONNECTION_CLOSED, "old link closed", now());

        assertThat(published).hasSize(before);
        assertThat(tracker.availability("lamp").orElseThrow().status()).isEqualTo(OnlineStatus.ONLINE);
        assertThat(tracker.availability("lamp").orElseThrow().session()).isEqualTo(2);
    }

    @Test
    void ignoresAnOfflineWhenAlreadyOfflineAndKeepsTheFirstReason() {
        tracker.cameOnline("lamp", 1, now());
        tracker.markOffline("lamp", OfflineReason.MDNS_GOODBYE, "withdrawn", now());
        tracker.wentOffline("lamp", 1, OfflineReason.CONNECTION_CLOSED, "closed", now());

        assertThat(published).hasSize(2);
        assertThat(last().reason()).contains(OfflineReason.MDNS_GOODBYE);
    }

    @Test
    void dampsAFlappingDeviceHoldsItAndPublishesTheLiveStatusWhenTheHoldEnds() {
        tracker.cameOnline("lamp", 1, now());                                                // not a flap
        clock.advance(Duration.ofSeconds(1));
        tracker.wentOffline("lamp", 1, OfflineReason.CONNECTION_CLOSED, "reset", now());     // 1
        clock.advance(Duration.ofSeconds(1));
        tracker.cameOnline("lamp", 2, now());                                                // 2
        clock.advance(Duration.ofSeconds(1));
        tracker.wentOffline("lamp", 2, OfflineReason.CONNECTION_CLOSED, "reset", now());     // 3
        assertThat(published).hasSize(4);
        Availability stable = last();

        clock.advance(Duration.ofSeconds(1));
        tracker.cameOnline("lamp", 3, now());                                                // 4: damped

        assertThat(published).hasSize(5);
        assertThat(last().damped()).isTrue();
        assertThat(last().status()).isEqualTo(OnlineStatus.OFFLINE);
        assertThat(last().since()).isEqualTo(stable.since());

        // Further changes during the hold are not published.
        tracker.wentOffline("lamp", 3, OfflineReason.CONNECTION_CLOSED, "reset", now());
        tracker.cameOnline("lamp", 4, now());
        assertThat(published).hasSize(5);
        assertThat(tracker.isLive("lamp")).isTrue();

        scheduler.advance(Duration.ofSeconds(29));
        assertThat(published).hasSize(5);
        scheduler.advance(Duration.ofSeconds(1));

        assertThat(published).hasSize(6);
        assertThat(last().damped()).isFalse();
        assertThat(last().status()).isEqualTo(OnlineStatus.ONLINE);
        assertThat(last().session()).isEqualTo(4);
    }

    @Test
    void doesNotDampChangesSpreadOverMoreThanTheWindow() {
        tracker.cameOnline("lamp", 1, now());
        for (int link = 1; link <= 6; link++) {
            clock.advance(Duration.ofSeconds(25));
            tracker.wentOffline("lamp", link, OfflineReason.CONNECTION_CLOSED, "reset", now());
            clock.advance(Duration.ofSeconds(25));
            tracker.cameOnline("lamp", link + 1, now());
        }
        assertThat(published).noneMatch(Availability::damped);
        assertThat(published).hasSize(13);
    }

    @Test
    void gatewayStoppingMarksOnlineDevicesOfflineAndIgnoresLaterReports() {
        tracker.cameOnline("lamp", 1, now());
        tracker.cameOnline("plug", 1, now());
        tracker.wentOffline("plug", 1, OfflineReason.HEARTBEAT_TIMEOUT, "silent", now());
        tracker.track("new", 0);
        clock.advance(Duration.ofSeconds(3));
        published.clear();

        tracker.gatewayStopping();
        tracker.cameOnline("lamp", 2, now());

        assertThat(published).hasSize(1);
        assertThat(last().deviceId()).isEqualTo("lamp");
        assertThat(last().reason()).contains(OfflineReason.GATEWAY_STOPPING);
        assertThat(last().since()).isEqualTo(now());
        assertThat(tracker.availability("plug").orElseThrow().reason()).contains(OfflineReason.HEARTBEAT_TIMEOUT);
        assertThat(tracker.availability("new").orElseThrow().status()).isEqualTo(OnlineStatus.UNKNOWN);
    }

    @Test
    void gatewayStoppingEndsAHoldWithoutPublishingTheHeldStatusLater() {
        tracker.cameOnline("lamp", 1, now());
        for (int link = 1; link <= 2; link++) {
            tracker.wentOffline("lamp", link, OfflineReason.CONNECTION_CLOSED, "reset", now());
            tracker.cameOnline("lamp", link + 1, now());
        }
        assertThat(last().damped()).isTrue();

        tracker.gatewayStopping();
        scheduler.advance(Duration.ofMinutes(5));

        assertThat(last().reason()).contains(OfflineReason.GATEWAY_STOPPING);
        assertThat(last().damped()).isFalse();
        assertThat(scheduler.pending()).isZero();
    }

    @Test
    void forgetsADevice() {
        tracker.cameOnline("lamp", 1, now());
        tracker.forget("lamp");
        assertThat(tracker.availability("lamp")).isEmpty();
        assertThat(tracker.isLive("lamp")).isFalse();
    }

    @Test
    void availabilityRejectsAReasonWithoutOffline() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Availability("x", OnlineStatus.ONLINE,
                Optional.of(OfflineReason.CONNECTION_CLOSED), "", now(), 1, false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
