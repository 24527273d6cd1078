package dev.hearth.core.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.GatewaySchemas;
import dev.hearth.core.cloud.command.VerifiedCommand;
import dev.hearth.core.privacy.CloudPayload;
import dev.hearth.core.privacy.ConsentStore;
import dev.hearth.core.privacy.UsageStatsStore;
import dev.hearth.core.registry.Registry;
import dev.hearth.core.storage.Database;
import dev.hearth.driver.api.DiscoveredDevice;
import dev.hearth.protocols.cloud.v1.CommandReply.Status;
import dev.hearth.protocols.cloud.v1.UsageCount;
import dev.hearth.protocols.cloud.v1.UsageStats;
import dev.hearth.testkit.ManualClock;
import dev.hearth.testkit.ManualScheduler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The UX programme's statistics over a real SQLite file: with consent off nothing is counted (no
 * row) and nothing is published; with it on, the finished day is published once, exactly as
 * previewed, with no id in it and small counts suppressed; leaving the programme deletes what is
 * pending.
 */
class UsageReporterTest {
    private static final Instant DAY1 = Instant.parse("2026-12-03T10:00:00Z");
    private static final String LAMP_ID = "lamp-7f3a9c";

    @TempDir Path dir;
    private final ManualClock clock = new ManualClock(DAY1);
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final List<UsageStats> published = new ArrayList<>();
    private Database db;
    private Registry registry;
    private ConsentStore consent;
    private UsageReporter usage;

    @BeforeEach
    void open() {
        db = GatewaySchemas.open(dir.resolve("hearth.db"));
        registry = new Registry(db, clock, scheduler, Duration.ofSeconds(1));
        registry.recordDiscovery(new DiscoveredDevice(LAMP_ID, "native", "hearth.light.lamp1",
                new InetSocketAddress("127.0.0.1", 7000), Map.of()));
        consent = new ConsentStore(db, false);
        Function<CloudPayload<UsageStats>, CompletionStage<Long>> bridge = p -> {
            published.add(p.message());
            return CompletableFuture.completedFuture((long) published.size());
        };
        usage = new UsageReporter(new UsageStatsStore(db, consent), consent, registry, () -> Optional.of(bridge), clock,
                scheduler, Duration.ofHours(1));
        consent.onUxProgramme(joined -> {
            if (!joined) usage.consentWithdrawn();
        });
    }

    @AfterEach
    void close() {
        registry.close();
        db.close();
    }

    private void commands(String operation, Status status, int n) {
        for (int i = 0; i < n; i++) usage.completed(VerifiedCommand.Origin.CLOUD, operation, status, "", Duration.ofMillis(3));
    }

    private long rows() throws Exception {
        db.read("test", c -> null); // behind every write queued before it
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hearth.db"));
             ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM usage_daily")) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void withConsentOffNothingIsCountedAndNothingIsPublished() throws Exception {
        commands("set_properties", Status.OK, 12);
        usage.runOnce();
        clock.advance(Duration.ofDays(1));
        usage.runOnce();

        assertThat(rows()).isZero();
        assertThat(published).isEmpty();
        assertThat(usage.previewNext().message().getCountsList()).isEmpty();
    }

    @Test
    void withConsentOnTheFinishedDayIsPublishedOnceAsPreviewedWithoutIdsAndWithSmallCountsSuppressed() throws Exception {
        consent.setUxProgramme(true, "owner-1", clock.instant());
        usage.runOnce(); // today's device snapshot
        commands("set_properties", Status.OK, 6);
        commands("read_state", Status.FORBIDDEN, 2);
        UsageStats preview = usage.preview(LocalDate.parse("2026-12-03")).message();

        clock.advance(Duration.ofDays(1));
        usage.runOnce();
        usage.runOnce();

        assertThat(published).containsExactly(preview);
        UsageStats day = published.get(0);
        assertThat(day.getDay()).isEqualTo("2026-12-03");
        assertThat(day.getCountsList()).contains(
                UsageCount.newBuilder().setMetric("commands").setKey("set_properties/OK").setCount(6).build(),
                UsageCount.newBuilder().setMetric("commands").setKey("read_state/FORBIDDEN").setSuppressed(true).build(),
                UsageCount.newBuilder().setMetric("devices").setKey("hearth.light.lamp1/native").setSuppressed(true).build());
        assertThat(new String(day.toByteArray(), StandardCharsets.ISO_8859_1)).doesNotContain(LAMP_ID).doesNotContain("owner-1");
        assertThat(usage.preview(LocalDate.parse("2026-12-03")).message().getCountsList()).as("deleted once queued").isEmpty();
    }

    @Test
    void leavingTheProgrammeDeletesWhatIsPendingAndItIsNeverSent() throws Exception {
        consent.setUxProgramme(true, "owner-1", clock.instant());
        commands("set_properties", Status.OK, 9);
        assertThat(rows()).isPositive();

        consent.setUxProgramme(false, "owner-1", clock.instant());
        commands("set_properties", Status.OK, 3);
        clock.advance(Duration.ofDays(1));
        usage.runOnce();

        assertThat(rows()).isZero();
        assertThat(published).isEmpty();
    }

    @Test
    void aBucketThatIsNotAnAggregateNameIsRefusedAndCounted() throws Exception {
        consent.setUxProgramme(true, "owner-1", clock.instant());
        UsageStatsStore store = new UsageStatsStore(db, consent);
        store.count(LocalDate.parse("2026-12-03"), "commands", "Alice's lamp/OK");
        assertThat(store.refused()).isEqualTo(1);
        assertThat(rows()).isZero();
    }
}
