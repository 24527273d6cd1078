package dev.hearth.core.cloud.outbox;

import dev.hearth.core.GatewaySchemas;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.cloud.InMemoryCloudCounters;
import dev.hearth.core.cloud.MessageKind;
import dev.hearth.testkit.Conditions;
import dev.hearth.testkit.ManualClock;
import dev.hearth.core.cloud.OutboundMessage;
import dev.hearth.core.cloud.OutboxLimits;
import dev.hearth.core.storage.Database;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13: 100,000 telemetry messages while no broker takes any: memory stays bounded, the oldest go, counted. */
class OutboxFloodTest {
    private static final int MESSAGES = 100_000;
    private static final int BOUND = 20_000;
    private static final int PAYLOAD = 200;

    @TempDir Path dir;

    @Test
    void aFloodOfTelemetryWithTheBrokerDownKeepsTheBoundDropsTheOldestAndCountsThem() throws Exception {
        var clock = new ManualClock(Instant.parse("2025-01-01T00:00:00Z"));
        var counters = new InMemoryCloudCounters();
        var limits = new OutboxLimits(BOUND, 64L << 20, Duration.ofDays(7), 500, Duration.ofMillis(5));
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (Database db = GatewaySchemas.open(dir.resolve("h.db")); Outbox o = Outbox.open(db, limits, clock, counters)) {
            System.gc();
            long before = memory.getHeapMemoryUsage().getUsed();
            int maxPending = 0;
            for (int i = 1; i <= MESSAGES; i++) {
                byte[] payload = new byte[PAYLOAD];
                payload[0] = (byte) (i >>> 24);
                payload[1] = (byte) (i >>> 16);
                payload[2] = (byte) (i >>> 8);
                payload[3] = (byte) i;
                // enqueue never waits: the producer here paces itself on the writer's queue instead
                if (o.pendingWrites() >= Outbox.WRITER_CAPACITY - Outbox.WRITER_HEADROOM) {
                    Conditions.await("the writer has room", Duration.ofSeconds(30),
                            () -> o.pendingWrites() < Outbox.WRITER_CAPACITY - Outbox.WRITER_HEADROOM);
                }
                o.enqueue(OutboundMessage.of(MessageKind.TELEMETRY, "t/d" + (i % 10), payload));
                if (i % 1000 == 0) maxPending = Math.max(maxPending, o.pendingWrites());
            }
            o.flush().toCompletableFuture().get(60, TimeUnit.SECONDS);
            System.gc();
            long after = memory.getHeapMemoryUsage().getUsed();

            assertThat(o.stats().held()).isEqualTo(BOUND);
            assertThat(counters.get("dropped.TELEMETRY.BOUND")).isEqualTo(MESSAGES - BOUND);
            assertThat(counters.get("dropped.TELEMETRY.WRITER_FULL")).as("the producer waited for room").isZero();
            assertThat(maxPending).isLessThanOrEqualTo(Outbox.WRITER_CAPACITY);
            // what is held: BOUND index entries (~0.2 KB) and at most WARM_ENTRIES messages; never the 100,000
            assertThat(after - before).as("heap growth in bytes").isLessThan(48L << 20);
            assertThat(o.stats().inMemory()).as("messages in memory").isLessThanOrEqualTo(Outbox.WARM_ENTRIES);
            Optional<OutboxEntry> first = o.takeNext();
            byte[] p = first.orElseThrow().message().payload();
            int n = ((p[0] & 0xff) << 24) | ((p[1] & 0xff) << 16) | ((p[2] & 0xff) << 8) | (p[3] & 0xff);
            assertThat(n).as("the oldest kept is the first after the dropped ones").isEqualTo(MESSAGES - BOUND + 1);
        }
        try (Database db = GatewaySchemas.open(dir.resolve("h.db")); Outbox o = Outbox.open(db, limits, clock, counters)) {
            assertThat(o.stats().held()).as("on disk too").isEqualTo(BOUND);
        }
    }
}
