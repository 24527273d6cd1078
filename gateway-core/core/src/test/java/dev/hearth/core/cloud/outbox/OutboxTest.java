package dev.hearth.core.cloud.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.cloud.CloudCounters.DropReason;
import dev.hearth.core.cloud.InMemoryCloudCounters;
import dev.hearth.core.cloud.MessageKind;
import dev.hearth.testkit.ManualClock;
import dev.hearth.core.cloud.OutboundMessage;
import dev.hearth.core.cloud.OutboxLimits;
import dev.hearth.core.storage.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxTest {
    @TempDir Path dir;
    private final ManualClock clock = new ManualClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final InMemoryCloudCounters counters = new InMemoryCloudCounters();
    private final OutboxLimits limits = new OutboxLimits(1000, 1 << 20, Duration.ofHours(1), 100, Duration.ofMillis(1));

    private static OutboundMessage telemetry(String device, int n) {
        return OutboundMessage.of(MessageKind.TELEMETRY, "t/" + device, ("m" + n).getBytes());
    }

    private static OutboundMessage availability(String device, String payload) {
        return OutboundMessage.of(MessageKind.AVAILABILITY, "a/" + device, payload.getBytes());
    }

    private static List<String> drain(Outbox o) {
        var out = new ArrayList<String>();
        for (Optional<OutboxEntry> e = o.takeNext(); e.isPresent(); e = o.takeNext()) out.add(new String(e.get().message().payload()));
        return out;
    }

    @Test
    void movesEntriesThroughQueuedInFlightAndAcked() throws Exception {
        try (Database db = Database.open(dir.resolve("h.db")); Outbox o = Outbox.open(db, limits, clock, counters)) {
            long id = o.enqueue(telemetry("d1", 1)).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(o.state(id)).isEqualTo(EntryState.QUEUED);
            OutboxEntry e = o.takeNext().orElseThrow();
            assertThat(e.id()).isEqualTo(id);
            assertThat(o.state(id)).isEqualTo(EntryState.IN_FLIGHT);
            assertThat(o.takeNext()).isEmpty();
            o.acked(id);
            assertThat(o.state(id)).isEqualTo(EntryState.ACKED);
            assertThat(o.stats().held()).isZero();
            assertThat(counters.get("delivered.TELEMETRY")).isEqualTo(1);
        }
    }

    @Test
    void sendsInEnqueueOrderAndResendsInFlightEntriesFirstAfterALoss() {
        try (Database db = Database.open(dir.resolve("h.db")); Outbox o = Outbox.open(db, limits, clock, counters)) {
            for (int i = 0; i < 5; i++) o.enqueue(telemetry("d1", i));
            OutboxEntry first = o.takeNext().orElseThrow();
            OutboxEntry second = o.takeNext().orElseThrow();
            o.acked(first.id());
            assertThat(o.requeueInFlight()).isEqualTo(1);
            assertThat(drain(o)).containsExactly("m1", "m2", "m3", "m4");
            assertThat(second.id()).isLessThan(o.lastId());
        }
    }

    @Test
    void dropsTheOldestQueuedTelemetryWhenOverTheCountBoundAndNeverAvailability() {
        var small = new OutboxLimits(3, 1 << 20, Duration.ofHours(1), 100, Duration.ofMillis(1));
        try (Database db = Database.open(dir.resolve("h.db")); Outbox o = Outbox.open(db, small, clock, counters)) {
            o.enqueue(availability("d1", "online"));
            for (int i = 0; i < 5; i++) o.enqueue(telemetry("d1", i));
            assertThat(o.stats().held()).isEqualTo(3);
            assertThat(counters.get("dropped.TELEMETRY.BOUND")).isEqualTo(3);
            assertThat(drain(o)).containsExactly("online", "m3", "m4");
        }
    }

    @Test
    void dropsOldTelemetryForTheByteBound() {
        var small = new OutboxLimits(1000, 10, Duration.ofHours(1), 100, Duration.ofMillis(1));
        try (Database db = Database.open(dir.resolve("h.db")); Outbox o = Outbox.open(db, small, clock, counters)) {
            for (int i = 0; i < 8; i++) o.enqueue(telemetry("d1", i)); // 2 bytes each
            assertThat(o.stats().bytes()).isLessThanOrEqualTo(10);
            assertThat(drain(o)).containsExactly("m3", "m4", "m5", "m6", "m7");
        }
    }

    @Test
    void pastTheBoundDropsTelemetryFirstThenTheOldestReplyThenTheOldestRetainedEntry() {
        var small = new OutboxLimits(2, 1 << 20, Duration.ofHours(1), 100, Duration.ofMillis(1));
        try (Database db = Database.open(dir.resolve("h.db")); Outbox o = Outbox.open(db, small, clock, counters)) {
            o.enqueue(availability("d1", "a1"));
            o.enqueue(reply("r1"));
            o.enqueue(telemetry("d1", 1));
            assertThat(counters.get("dropped.TELEMETRY.BOUND")).isEqualTo(1);
            o.enqueue(availability("d2", "a2"));
            assertThat(counters.get("dropped.REPLY.BOUND")).isEqualTo(1);
            o.enqueue(availability("d3", "a3"));
            assertThat(counters.get("dropped.AVAILABILITY.BOUND")).isEqualTo(1);
            assertThat(drain(o)).containsExactly("a2", "a3");
        }
    }

    private static OutboundMessage reply(String payload) {
        return new OutboundMessage(MessageKind.REPLY, "reply/x", payload.getBytes(), Optional.of(new byte[] {1}));
    }

    @Test
    void coalescesQueuedRetainedMessagesPerTopicButNotInFlightOnes() {
        try (Database db = Database.open(dir.resolve("h.db")); Outbox o = Outbox.open(db, limits, clock, counters)) {
            o.enqueue(availability("d1", "v1"));
            OutboxEntry inFlight = o.takeNext().orElseThrow();
            o.enqueue(availability("d1", "v2"));
            o.enqueue(availability("d1", "v3"));
            o.enqueue(availability("d2", "w1"));
            assertThat(counters.get("coalesced.AVAILABILITY")).isEqualTo(1);
            assertThat(new String(inFlight.message().payload())).isEqualTo("v1");
            assertThat(drain(o)).containsExactly("v3", "w1");
        }
    }

    @Test
    void aNewerRetainedValueTakesTheQueuedOlderOnesPlaceSoABacklogCannotStarveIt() throws Exception {
        try (Database db = Database.open(dir.resolve("h.db"))) {
            try (Outbox o = Outbox.open(db, limits, clock, counters)) {
                o.enqueue(availability("d1", "v1"));
                o.enqueue(telemetry("d1", 1));
                o.enqueue(telemetry("d1", 2));
                o.enqueue(availability("d1", "v2")).toCompletableFuture().get(5, TimeUnit.SECONDS);
            }
            try (Outbox reopened = Outbox.open(db, limits, clock, counters)) {
                assertThat(drain(reopened)).containsExactly("v2", "m1", "m2");
            }
        }
    }

    @Test
    void acknowledgedAndDroppedEntriesAreGoneFromDiskAfterAReopen() throws Exception {
        try (Database db = Database.open(dir.resolve("h.db"))) {
            try (Outbox o = Outbox.open(db, limits, clock, counters)) {
                for (int i = 1; i <= 5; i++) o.enqueue(telemetry("d1", i));
                for (int i = 0; i < 3; i++) o.acked(o.takeNext().orElseThrow().id());
                o.flush().toCompletableFuture().get(5, TimeUnit.SECONDS);
            }
            try (Outbox reopened = Outbox.open(db, limits, clock, counters)) {
                assertThat(drain(reopened)).containsExactly("m4", "m5");
            }
        }
    }

    @Test
    void aNewerRetainedValueGoesToTheTailWhenTheOlderOneWasAlreadySent() {
        try (Database db = Database.open(dir.resolve("h.db")); Outbox o = Outbox.open(db, limits, clock, counters)) {
            o.enqueue(availability("d1", "v1"));
            OutboxEntry sent = o.takeNext().orElseThrow();
            assertThat(o.requeueInFlight()).isEqualTo(1); // the connection dropped before its PUBACK
            o.enqueue(telemetry("d1", 1));
            o.enqueue(availability("d1", "v2"));
            o.acked(sent.id()); // a late PUBACK for v1 must not take v2 with it
            assertThat(drain(o)).containsExactly("m1", "v2");
        }
    }

    @Test
    void supersedesQueuedRetainedMessagesOnlyUpToTheMark() {
        try (Database db = Database.open(dir.resolve("h.db")); Outbox o = Outbox.open(db, limits, clock, counters)) {
            o.enqueue(availability("d1", "old"));
            o.enqueue(availability("d2", "old2"));
            long mark = o.lastId();
            o.enqueue(availability("d2", "newer")); // after the mark: stays
            assertThat(o.supersedeRetained(mark, Set.of("a/d1", "a/d2"))).isEqualTo(1);
            assertThat(drain(o)).containsExactly("newer");
        }
    }

    @Test
    void dropsTelemetryOlderThanTheMaxAgeButNotRetainedMessages() {
        try (Database db = Database.open(dir.resolve("h.db")); Outbox o = Outbox.open(db, limits, clock, counters)) {
            o.enqueue(telemetry("d1", 1));
            o.enqueue(availability("d1", "kept"));
            clock.advance(Duration.ofHours(2));
            o.enqueue(telemetry("d1", 2));
            assertThat(drain(o)).containsExactly("kept", "m2");
            assertThat(counters.get("dropped.TELEMETRY.AGE")).isEqualTo(1);
        }
    }

    @Test
    void dropsAMessageTheBrokerRefusesRepeatedly() {
        try (Database db = Database.open(dir.resolve("h.db")); Outbox o = Outbox.open(db, limits, clock, counters)) {
            o.enqueue(telemetry("d1", 1));
            for (int i = 0; i < Outbox.MAX_REFUSALS; i++) {
                o.failed(o.takeNext().orElseThrow().id());
                clock.advance(Outbox.MAX_RETRY_DELAY);
            }
            assertThat(o.takeNext()).isEmpty();
            assertThat(counters.get("dropped.TELEMETRY.REJECTED")).isEqualTo(1);
        }
    }

    @Test
    void aRefusedEntryWaitsWhileTheEntriesBehindItGo() {
        try (Database db = Database.open(dir.resolve("h.db")); Outbox o = Outbox.open(db, limits, clock, counters)) {
            for (int i = 1; i <= 3; i++) o.enqueue(telemetry("d1", i));
            o.failed(o.takeNext().orElseThrow().id());
            assertThat(drain(o)).containsExactly("m2", "m3");
            assertThat(o.nextRetryInMs()).contains(Outbox.RETRY_DELAY.toMillis());
            clock.advance(Outbox.RETRY_DELAY);
            assertThat(drain(o)).containsExactly("m1");
        }
    }

    @Test
    void anEntryTheLinkIsLostRightAfterRepeatedlyIsSetAsideAndTheOthersGoOn() {
        try (Database db = Database.open(dir.resolve("h.db")); Outbox o = Outbox.open(db, limits, clock, counters)) {
            o.enqueue(reply("poison"));
            o.enqueue(telemetry("d1", 1));
            for (int loss = 1; loss <= Outbox.MAX_LINK_LOSSES; loss++) {
                long poison = o.takeNext().orElseThrow().id();
                o.takeNext(); // the telemetry behind it, in flight too
                o.requeueInFlight(Optional.of(poison));
                clock.advance(Outbox.MAX_RETRY_DELAY);
            }
            assertThat(counters.get("dropped.REPLY.LINK_KILLER")).isEqualTo(1);
            assertThat(drain(o)).containsExactly("m1");
        }
    }

    @Test
    void aRefusalFollowedByALinkLossCountsAsALinkLossOfThatEntry() {
        try (Database db = Database.open(dir.resolve("h.db")); Outbox o = Outbox.open(db, limits, clock, counters)) {
            o.enqueue(reply("poison"));
            for (int loss = 1; loss <= Outbox.MAX_LINK_LOSSES; loss++) {
                long poison = o.takeNext().orElseThrow().id();
                o.failed(poison);                       // PUBACK 0x87, then Paho drops the link
                o.requeueInFlight(Optional.of(poison));
                clock.advance(Outbox.MAX_RETRY_DELAY);
            }
            assertThat(counters.get("dropped.REPLY.LINK_KILLER")).isEqualTo(1);
            assertThat(o.stats().held()).isZero();
        }
    }

    @Test
    void anEntryThatFailedWithTheConnectionAndIsBlamedForTheLossCountsItsAttemptAndIsSetAsideTheThirdTime() {
        try (Database db = Database.open(dir.resolve("h.db")); Outbox o = Outbox.open(db, limits, clock, counters)) {
            o.enqueue(reply("poison"));
            o.enqueue(telemetry("d1", 1));
            for (int loss = 1; loss <= Outbox.MAX_LINK_LOSSES; loss++) {
                long poison = o.takeNext().orElseThrow().id();
                o.release(poison); // Paho's encoder threw: the token failed, then the connection went
                o.requeueInFlight(Optional.of(poison));
                if (loss < Outbox.MAX_LINK_LOSSES) assertThat(drain(o)).as("the entries behind it go first").containsExactly("m1");
                o.requeueInFlight();
                clock.advance(Outbox.MAX_RETRY_DELAY);
            }
            assertThat(counters.get("dropped.REPLY.LINK_KILLER")).isEqualTo(1);
            assertThat(drain(o)).containsExactly("m1");
        }
    }

    @Test
    void aStoredRowThatIsNotAMessageIsDeletedAtOpenInsteadOfStoppingTheStart() throws Exception {
        Path file = dir.resolve("h.db");
        try (Database db = Database.open(file)) {
            try (Outbox o = Outbox.open(db, limits, clock, counters)) {
                o.enqueue(telemetry("d1", 1)).toCompletableFuture().get(5, TimeUnit.SECONDS);
            }
            try (var p = db.connection().prepareStatement(
                    "INSERT INTO outbox (id, kind, topic, payload, correlation, created_ms) VALUES (100, 'REPLY', 'a/+/b', x'00', NULL, 0), "
                            + "(101, 'NO_SUCH_KIND', 't', x'00', NULL, 0)")) {
                p.executeUpdate();
            }
            try (Outbox o = Outbox.open(db, limits, clock, counters)) {
                assertThat(drain(o)).containsExactly("m1");
                o.flush().toCompletableFuture().get(5, TimeUnit.SECONDS);
            }
            try (var s = db.connection().createStatement(); var r = s.executeQuery("SELECT count(*) FROM outbox WHERE id >= 100")) {
                r.next();
                assertThat(r.getInt(1)).isZero();
            }
        }
    }

    @Test
    void anEntryPublishedTooOftenWithoutAnAcknowledgementIsDropped() {
        try (Database db = Database.open(dir.resolve("h.db")); Outbox o = Outbox.open(db, limits, clock, counters)) {
            o.enqueue(telemetry("d1", 1));
            for (int i = 0; i < Outbox.MAX_ATTEMPTS; i++) {
                o.takeNext().orElseThrow();
                o.requeueInFlight(); // lost long after the publish: not blamed on it, but counted
            }
            assertThat(o.takeNext()).isEmpty();
            assertThat(counters.get("dropped.TELEMETRY.ATTEMPTS")).isEqualTo(1);
        }
    }

    @Test
    void publishAttemptsAndLinkLossesAreKeptAcrossAReopen() throws Exception {
        Path file = dir.resolve("h.db");
        try (Database db = Database.open(file); Outbox o = Outbox.open(db, limits, clock, counters)) {
            o.enqueue(reply("poison"));
            for (int loss = 1; loss < Outbox.MAX_LINK_LOSSES; loss++) {
                o.requeueInFlight(Optional.of(o.takeNext().orElseThrow().id()));
                clock.advance(Outbox.MAX_RETRY_DELAY);
            }
            o.flush().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
        try (Database db = Database.open(file); Outbox o = Outbox.open(db, limits, clock, counters)) {
            o.requeueInFlight(Optional.of(o.takeNext().orElseThrow().id()));
            assertThat(counters.get("dropped.REPLY.LINK_KILLER")).isEqualTo(1);
        }
    }

    @Test
    void refusesAtEnqueueAMessageLargerThanTheBrokersMaximumPacketSizeAndDropsQueuedOnesWhenItShrinks() throws Exception {
        try (Database db = Database.open(dir.resolve("h.db")); Outbox o = Outbox.open(db, limits, clock, counters)) {
            o.packetSize(m -> m.size() + 100);
            o.enqueue(OutboundMessage.of(MessageKind.STATE, "s/d1", new byte[900]));
            o.brokerMaxPacket(1000);
            var refused = o.enqueue(OutboundMessage.of(MessageKind.TELEMETRY, "t/d1", new byte[901])).toCompletableFuture();
            assertThat(refused).isCompletedExceptionally();
            o.enqueue(telemetry("d1", 1));
            o.brokerMaxPacket(500);
            assertThat(drain(o)).containsExactly("m1");
            assertThat(counters.get("dropped.TELEMETRY.TOO_LARGE")).isEqualTo(1);
            assertThat(counters.get("dropped.STATE.TOO_LARGE")).isEqualTo(1);
        }
    }

    @Test
    void releasingAnEntryTheClientCouldNotSendCountsNoRefusal() {
        try (Database db = Database.open(dir.resolve("h.db")); Outbox o = Outbox.open(db, limits, clock, counters)) {
            o.enqueue(telemetry("d1", 1));
            for (int i = 0; i < Outbox.MAX_ATTEMPTS * 2; i++) o.release(o.takeNext().orElseThrow().id());
            assertThat(drain(o)).containsExactly("m1");
            assertThat(counters.get("dropped.TELEMETRY.REJECTED")).isZero();
        }
    }

    @Test
    void whatWasQueuedOrInFlightIsQueuedAgainAfterReopening() throws Exception {
        Path file = dir.resolve("h.db");
        long acked;
        try (Database db = Database.open(file); Outbox o = Outbox.open(db, limits, clock, counters)) {
            for (int i = 0; i < 4; i++) o.enqueue(telemetry("d1", i));
            acked = o.takeNext().orElseThrow().id();
            o.takeNext(); // left in flight
            o.acked(acked);
            o.flush().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
        try (Database db = Database.open(file); Outbox o = Outbox.open(db, limits, clock, counters)) {
            assertThat(drain(o)).containsExactly("m1", "m2", "m3");
            assertThat(o.lastId()).isGreaterThan(acked);
        }
    }

    @Test
    void sessionNumbersKeepGrowingAcrossReopens() {
        Path file = dir.resolve("h.db");
        try (Database db = Database.open(file); Outbox o = Outbox.open(db, limits, clock, counters)) {
            assertThat(o.nextSession()).isEqualTo(1);
            assertThat(o.nextSession()).isEqualTo(2);
        }
        try (Database db = Database.open(file); Outbox o = Outbox.open(db, limits, clock, counters)) {
            assertThat(o.nextSession()).isEqualTo(3);
        }
    }
}
