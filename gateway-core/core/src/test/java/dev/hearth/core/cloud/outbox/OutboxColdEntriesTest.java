package dev.hearth.core.cloud.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.GatewaySchemas;
import dev.hearth.core.cloud.InMemoryCloudCounters;
import dev.hearth.core.cloud.MessageKind;
import dev.hearth.core.cloud.OutboundMessage;
import dev.hearth.core.cloud.OutboxLimits;
import dev.hearth.core.storage.Database;
import dev.hearth.testkit.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13: a backlog keeps its index in memory and its messages on disk; enqueue never waits for the writer. */
class OutboxColdEntriesTest {
    private static final int WARM = 100;

    @TempDir Path dir;
    private final ManualClock clock = new ManualClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final InMemoryCloudCounters counters = new InMemoryCloudCounters();
    private final OutboxLimits limits = new OutboxLimits(100_000, 64L << 20, Duration.ofDays(1), 100, Duration.ofMillis(1));

    /** Telemetry, with every 7th a reply (correlation data) and every 11th a state of its own topic. */
    private static OutboundMessage message(int n) {
        byte[] payload = ("m" + n).getBytes();
        if (n % 7 == 0) return new OutboundMessage(MessageKind.REPLY, "r/" + n, payload, Optional.of(new byte[] {(byte) n, 1}));
        if (n % 11 == 0) return OutboundMessage.of(MessageKind.STATE, "s/" + n, payload);
        return OutboundMessage.of(MessageKind.TELEMETRY, "t/d" + (n % 5), payload);
    }

    private static List<OutboundMessage> drainAcking(Outbox o, int warmAtMost) {
        var out = new ArrayList<OutboundMessage>();
        for (Optional<OutboxEntry> e = o.takeNext(); e.isPresent(); e = o.takeNext()) {
            out.add(e.get().message());
            o.acked(e.get().id());
            assertThat(o.stats().inMemory()).as("messages in memory while draining").isLessThanOrEqualTo(warmAtMost);
        }
        return out;
    }

    private static List<OutboundMessage> messages(int from, int to) {
        var out = new ArrayList<OutboundMessage>();
        for (int n = from; n <= to; n++) out.add(message(n));
        return out;
    }

    @Test
    void aBacklogPastTheMemoryBudgetKeepsOnlyTheBudgetsMessagesInMemoryAndSendsEveryOneInOrderFromDisk() throws Exception {
        try (Database db = GatewaySchemas.open(dir.resolve("h.db")); Outbox o = Outbox.open(db, limits, clock, counters, WARM)) {
            for (int n = 1; n <= 1_000; n++) o.enqueue(message(n));
            o.flush().toCompletableFuture().get(10, TimeUnit.SECONDS);

            assertThat(o.stats().held()).isEqualTo(1_000);
            assertThat(o.stats().inMemory()).isLessThanOrEqualTo(WARM + 1);
            assertThat(drainAcking(o, WARM + 1 + Outbox.READ_BATCH)).containsExactlyElementsOf(messages(1, 1_000));
            assertThat(counters.get("delivered.TELEMETRY") + counters.get("delivered.REPLY") + counters.get("delivered.STATE")).isEqualTo(1_000);
        }
    }

    @Test
    void afterAReopenOnlyTheFirstMessagesAreReadIntoMemoryAndTheRestFollowInOrder() throws Exception {
        Path file = dir.resolve("h.db");
        try (Database db = GatewaySchemas.open(file); Outbox o = Outbox.open(db, limits, clock, counters)) {
            for (int n = 1; n <= 500; n++) o.enqueue(message(n));
        }
        try (Database db = GatewaySchemas.open(file); Outbox o = Outbox.open(db, limits, clock, counters, WARM)) {
            assertThat(o.stats().held()).isEqualTo(500);
            assertThat(o.stats().inMemory()).isEqualTo(WARM);
            assertThat(drainAcking(o, WARM + Outbox.READ_BATCH)).containsExactlyElementsOf(messages(1, 500));
        }
    }

    @Test
    void anErasureAndAnExportFindTheMessagesThatAreOnlyOnDisk() throws Exception {
        try (Database db = GatewaySchemas.open(dir.resolve("h.db")); Outbox o = Outbox.open(db, limits, clock, counters, WARM)) {
            for (int n = 1; n <= 400; n++) o.enqueue(message(n));
            o.flush().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(o.stats().inMemory()).isLessThan(400);

            assertThat(o.held(m -> m.kind() == MessageKind.REPLY)).extracting(OutboxEntry::message)
                    .containsExactlyElementsOf(messages(1, 400).stream().filter(m -> m.kind() == MessageKind.REPLY).toList());
            int replies = (int) messages(1, 400).stream().filter(m -> m.kind() == MessageKind.REPLY).count();
            assertThat(o.purgeQueued(m -> m.kind() == MessageKind.REPLY)).isEqualTo(replies);
            assertThat(counters.get("dropped.REPLY.ERASED")).isEqualTo(replies);
            assertThat(drainAcking(o, 400)).containsExactlyElementsOf(
                    messages(1, 400).stream().filter(m -> m.kind() != MessageKind.REPLY).toList());
        }
    }

    @Test
    void aFullWriterRefusesTelemetryAtOnceCountedAndKeepsItsLastPlacesForTheOtherKinds() throws Exception {
        try (Database db = GatewaySchemas.open(dir.resolve("h.db")); Outbox o = Outbox.open(db, limits, clock, counters)) {
            var storageBusy = new CountDownLatch(1);
            var held = new CountDownLatch(1);
            db.signal(() -> {
                held.countDown();
                try {
                    storageBusy.await(30, TimeUnit.SECONDS); // the disk stalls: nothing is committed
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            try {
                assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
                int room = Outbox.WRITER_CAPACITY - Outbox.WRITER_HEADROOM;
                var accepted = new ArrayList<CompletableFuture<Long>>();
                for (int n = 1; n <= room; n++) {
                    accepted.add(o.enqueue(OutboundMessage.of(MessageKind.TELEMETRY, "t/d", ("m" + n).getBytes())).toCompletableFuture());
                }
                long start = System.nanoTime();
                CompletableFuture<Long> refused = o.enqueue(OutboundMessage.of(MessageKind.TELEMETRY, "t/d", "late".getBytes())).toCompletableFuture();
                long tookMs = (System.nanoTime() - start) / 1_000_000;
                CompletableFuture<Long> state = o.enqueue(OutboundMessage.of(MessageKind.STATE, "s/d", "on".getBytes())).toCompletableFuture();

                assertThat(refused).isCompletedExceptionally();
                assertThat(tookMs).as("ms the refused enqueue took (it used to wait 2 s)").isLessThan(1_000);
                assertThat(counters.get("dropped.TELEMETRY.WRITER_FULL")).isEqualTo(1);
                assertThat(state.isCompletedExceptionally()).as("a state still has a place").isFalse();
                assertThat(accepted).noneMatch(CompletableFuture::isCompletedExceptionally);
            } finally {
                storageBusy.countDown();
            }
            o.flush().toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertThat(o.stats().held()).isEqualTo(Outbox.WRITER_CAPACITY - Outbox.WRITER_HEADROOM + 1);
        }
    }

    @Test
    void aColdEntryWhoseRowIsGoneIsDroppedCountedAndTheNextOneGoes() throws Exception {
        try (Database db = GatewaySchemas.open(dir.resolve("h.db")); Outbox o = Outbox.open(db, limits, clock, counters, 1)) {
            for (int n = 1; n <= 10; n++) o.enqueue(OutboundMessage.of(MessageKind.TELEMETRY, "t/d", ("m" + n).getBytes()));
            o.flush().toCompletableFuture().get(10, TimeUnit.SECONDS);
            db.write("test", c -> {
                try (var s = c.createStatement()) {
                    return s.executeUpdate("DELETE FROM outbox WHERE id = 5");
                }
            });
            List<String> sent = new ArrayList<>();
            for (Optional<OutboxEntry> e = o.takeNext(); e.isPresent(); e = o.takeNext()) {
                sent.add(new String(e.get().message().payload()));
                o.acked(e.get().id());
            }
            assertThat(sent).containsExactly("m1", "m2", "m3", "m4", "m6", "m7", "m8", "m9", "m10");
            assertThat(counters.get("dropped.TELEMETRY.STORAGE")).isEqualTo(1);
        }
    }
}
