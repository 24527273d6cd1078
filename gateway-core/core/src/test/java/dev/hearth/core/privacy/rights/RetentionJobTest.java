package dev.hearth.core.privacy.rights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.access.AuditEntry;
import dev.hearth.core.access.DeviceScope;
import dev.hearth.core.access.Operation;
import dev.hearth.core.cloud.CloudTopics;
import dev.hearth.core.cloud.InMemoryCloudCounters;
import dev.hearth.core.cloud.MessageKind;
import dev.hearth.core.cloud.OutboundMessage;
import dev.hearth.core.cloud.OutboxLimits;
import dev.hearth.core.cloud.QueuedMessages;
import dev.hearth.core.cloud.outbox.Outbox;
import dev.hearth.core.privacy.PrivacyFixtures;
import dev.hearth.core.privacy.PrivacyPolicy;
import dev.hearth.testkit.ManualClock;
import dev.hearth.testkit.ManualScheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionJobTest {
    private static final CloudTopics TOPICS = CloudTopics.of(RightsHome.HOME, "gw1");

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2025-03-01T08:00:00Z"));
    private final ManualScheduler scheduler = new ManualScheduler(clock);

    @Test
    void anonymisesAuditEntriesOlderThanTheRetentionAtStartAndThenHourly() {
        try (RightsHome home = new RightsHome(dir, clock, scheduler, PrivacyPolicy.defaults(), false, PrivacyFixtures.catalog())) {
            home.addDevice("lamp-1", PrivacyFixtures.LAMP);
            home.audited.decide("alice", new DeviceScope("lamp-1"), Operation.READ_STATE); // day 0
            clock.advance(Duration.ofDays(20));
            home.audited.decide("bob", new DeviceScope("lamp-1"), Operation.READ_STATE);   // day 20
            clock.advance(Duration.ofDays(11));                                            // day 31
            RetentionJob job = new RetentionJob(home.audit, Optional::empty, Duration.ofDays(30), Duration.ofHours(1), clock, scheduler);

            job.start();

            assertThat(job.anonymisedTotal()).isEqualTo(1);
            assertThat(users(home)).containsExactly(AuditEntry.ANONYMOUS, home.pseudonymiser.pseudonym("bob"));

            scheduler.advance(Duration.ofDays(8)); // day 39: bob's entry is 19 days old
            assertThat(users(home)).containsExactly(AuditEntry.ANONYMOUS, home.pseudonymiser.pseudonym("bob"));

            scheduler.advance(Duration.ofDays(11).plusHours(1)); // day 50 + 1 h: bob's entry is past 30 days
            assertThat(users(home)).containsExactly(AuditEntry.ANONYMOUS, AuditEntry.ANONYMOUS);
            assertThat(job.anonymisedTotal()).as("each entry counted once, not at every pass").isEqualTo(2);

            int pending = scheduler.pending();
            job.close();
            assertThat(scheduler.pending()).as("the next pass is cancelled").isEqualTo(pending - 1);
        }
    }

    @Test
    void dropsAndCountsQueuedTelemetryOlderThanTheOutboxAgeEvenWhileOffline() {
        try (RightsHome home = new RightsHome(dir, clock, scheduler, PrivacyPolicy.defaults(), false, PrivacyFixtures.catalog())) {
            InMemoryCloudCounters counters = new InMemoryCloudCounters();
            Outbox outbox = Outbox.open(home.db, OutboxLimits.defaults().withMaxAge(Duration.ofDays(7)), clock, counters);
            try {
                outbox.enqueue(OutboundMessage.of(MessageKind.TELEMETRY, TOPICS.telemetry("lamp-1"), new byte[] {1}));
                outbox.enqueue(OutboundMessage.of(MessageKind.STATE, TOPICS.state("lamp-1"), new byte[] {2}));
                clock.advance(Duration.ofDays(5));
                outbox.enqueue(OutboundMessage.of(MessageKind.TELEMETRY, TOPICS.telemetry("lamp-1"), new byte[] {3}));
                RetentionJob job = new RetentionJob(home.audit, () -> Optional.of(QueuedMessages.of(outbox)), Duration.ofDays(30),
                        Duration.ofHours(1), clock, scheduler);
                job.start();
                assertThat(job.expiredTotal()).isZero();

                scheduler.advance(Duration.ofDays(3)); // the first telemetry is 8 days old, the second 3

                assertThat(job.expiredTotal()).isEqualTo(1);
                assertThat(counters.get("dropped.TELEMETRY.AGE")).isEqualTo(1);
                List<Integer> left = outbox.held(m -> true).stream().map(e -> (int) e.message().payload()[0]).toList();
                assertThat(left).as("retained state is never dropped for age").containsExactly(2, 3);
                job.close();
            } finally {
                outbox.close();
            }
        }
    }

    private static List<String> users(RightsHome home) {
        return home.audit.read().stream().map(AuditEntry::user).toList();
    }
}
