package dev.hearth.core.privacy.rights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.cloud.BridgeFixture;
import dev.hearth.core.cloud.BridgeSettings;
import dev.hearth.core.cloud.CloudBridge;
import dev.hearth.core.cloud.CloudTopics;
import dev.hearth.core.cloud.CommandGateSettings;
import dev.hearth.core.cloud.command.TestCommands;
import dev.hearth.core.cloud.command.VerifiedCommand;
import dev.hearth.core.privacy.PrivacyPolicy;
import dev.hearth.core.privacy.TestPayloads;
import dev.hearth.core.privacy.UsageStatsStore;
import dev.hearth.core.uplink.UsageReporter;
import dev.hearth.driver.api.Backoff;
import dev.hearth.driver.api.SystemScheduler;
import dev.hearth.driver.api.model.ModelCatalog;
import dev.hearth.protocols.cloud.v1.CommandReply.Status;
import dev.hearth.protocols.cloud.v1.UsageStats;
import dev.hearth.testkit.Conditions;
import dev.hearth.testkit.ManualClock;
import dev.hearth.testkit.MosquittoBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The UX programme's statistics as the cloud sees them: a real Mosquitto, the bridge with its
 * SQLite outbox, a Paho subscriber on {@code …/stats}. With consent off no message is ever published
 * and no row is stored; with it on, the finished day's message is the preview, carries no id, and
 * suppresses small counts.
 */
class UsageStatsOnTheWireIT {
    private static final Instant DAY1 = Instant.parse("2026-12-03T10:00:00Z");
    private static final String LAMP = "lamp-5e21b0";

    @TempDir Path dir;
    private final ManualClock statsClock = new ManualClock(DAY1);
    private MosquittoBroker broker;
    private SystemScheduler scheduler;
    private RightsHome home;
    private CloudBridge bridge;
    private WireSubscriber cloud;
    private UsageReporter usage;
    private CloudTopics topics;

    @BeforeEach
    void start() throws Exception {
        broker = MosquittoBroker.start();
        scheduler = new SystemScheduler("stats-wire");
        home = new RightsHome(dir, Clock.systemUTC(), scheduler, PrivacyPolicy.defaults(), false,
                ModelCatalog.fromClasspath(getClass().getClassLoader()));
        home.addDevice(LAMP, "hearth.light.lamp1");
        topics = CloudTopics.of(RightsHome.HOME, "gw-stats");
        cloud = new WireSubscriber(broker.uri(), topics.prefix() + "/#");
        bridge = CloudBridge.builder()
                .settings(BridgeSettings.plain(broker.uri(), "gw-stats", topics)
                        .withReconnect(new Backoff(Duration.ofMillis(100), Duration.ofMillis(500), 2.0, 0.2)))
                .commandGate(CommandGateSettings.defaults(RightsHome.HOME, topics.gateway(), List.of()))
                .database(home.db)
                .authorizer(TestCommands.ALLOW_ALL_FOR_TESTS)
                .snapshot(home.uplink)
                .deviceCommands(BridgeFixture::stubDevices)
                .scheduler(scheduler)
                .clock(Clock.systemUTC())
                .replyFilter(TestPayloads.replyFilter())
                .start();
        home.attach(bridge);
        Conditions.await("bridge connected", Duration.ofSeconds(15), () -> bridge.linkStatus().connected());
        usage = new UsageReporter(new UsageStatsStore(home.db, home.consent), home.consent, home.registry,
                () -> Optional.of(bridge::publishStats), statsClock, scheduler, Duration.ofHours(1));
        home.consent.onUxProgramme(joined -> {
            if (!joined) usage.consentWithdrawn();
        });
    }

    @AfterEach
    void stop() throws Exception {
        bridge.close();
        cloud.close();
        home.close();
        scheduler.close();
        broker.close();
    }

    private void commands(String op, Status status, int n) {
        for (int i = 0; i < n; i++) usage.completed(VerifiedCommand.Origin.CLOUD, op, status, "", Duration.ofMillis(2));
    }

    private long rows() throws Exception {
        home.db.read("test", c -> null);
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hearth.db"));
             ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM usage_daily")) {
            r.next();
            return r.getLong(1);
        }
    }

    private List<WireSubscriber.Message> stats() {
        return cloud.drain().stream().filter(m -> m.topic().equals(topics.stats())).toList();
    }

    @Test
    void withConsentOffNoStatsMessageIsPublishedAndNoAggregateIsStored() throws Exception {
        usage.runOnce();
        commands("set_properties", Status.OK, 20);
        statsClock.advance(Duration.ofDays(1));
        usage.runOnce();
        // a marker behind anything the passes could have queued
        home.registry.stateReported(LAMP, java.util.Map.of("2.1", dev.hearth.driver.api.value.Value.of(true)), Instant.now());
        List<WireSubscriber.Message> all = new java.util.ArrayList<>();
        Conditions.await("the marker telemetry", Duration.ofSeconds(15), () -> {
            all.addAll(cloud.drain());
            return all.stream().anyMatch(WireSubscriber.Message::telemetry);
        });

        assertThat(all).noneMatch(m -> m.topic().endsWith("/stats"));
        assertThat(rows()).isZero();
    }

    @Test
    void withConsentOnTheDailyMessageOnTheWireIsThePreviewWithoutIdsAndWithSmallCountsSuppressed() throws Exception {
        home.consent.setUxProgramme(true, RightsHome.OWNER, Instant.now());
        usage.runOnce();
        commands("set_properties", Status.OK, 7);
        commands("invoke_action", Status.FORBIDDEN, 1);
        UsageStats preview = usage.previewNext().message();
        assertThat(preview.getDay()).isEqualTo("2026-12-03");

        statsClock.advance(Duration.ofDays(1));
        usage.runOnce();
        List<WireSubscriber.Message> got = new java.util.ArrayList<>();
        Conditions.await("the day's stats message", Duration.ofSeconds(15), () -> {
            got.addAll(stats());
            return !got.isEmpty();
        });

        UsageStats wire = UsageStats.parseFrom(got.get(0).payload());
        assertThat(wire).isEqualTo(preview);
        assertThat(wire.getCountsList()).anyMatch(c -> c.getKey().equals("set_properties/OK") && c.getCount() == 7)
                .anyMatch(c -> c.getKey().equals("invoke_action/FORBIDDEN") && c.getSuppressed() && c.getCount() == 0);
        String bytes = new String(got.get(0).payload(), StandardCharsets.ISO_8859_1);
        assertThat(bytes).doesNotContain(LAMP).doesNotContain(RightsHome.OWNER);
        Conditions.await("the day deleted once queued", Duration.ofSeconds(5),
                () -> usage.preview(LocalDate.parse("2026-12-03")).message().getCountsList().isEmpty());
    }
}
