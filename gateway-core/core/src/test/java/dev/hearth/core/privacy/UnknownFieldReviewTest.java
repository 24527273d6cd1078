package dev.hearth.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.access.AuditLog;
import dev.hearth.core.storage.Database;
import dev.hearth.driver.api.model.DataClass;
import dev.hearth.driver.api.value.Value;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record of undeclared fields, the owner's decisions in SQLite, and the audited review that joins them. */
class UnknownFieldReviewTest {
    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");

    @TempDir Path dir;

    @Test
    void theRecordCountsTypesAndVerdictsButNeverKeepsAValue() {
        UnknownFieldRecord record = new UnknownFieldRecord(new PersonalDataDetector(), 10, 100, n -> { });
        record.record("m", Map.of("note", Value.of("call 13812345678")), 1, T0);
        record.record("m", Map.of("note", Value.of(7)), 1, T0.plusSeconds(5));
        UnknownFieldRecord.Entry e = record.entries().get(0);
        assertThat(e.model()).isEqualTo("m");
        assertThat(e.field()).isEqualTo("note");
        assertThat(e.count()).isEqualTo(2);
        assertThat(e.firstSeen()).isEqualTo(T0);
        assertThat(e.lastSeen()).isEqualTo(T0.plusSeconds(5));
        assertThat(e.types()).containsExactlyInAnyOrder("string", "int");
        assertThat(e.personal()).isTrue();
        assertThat(e.categories()).contains(PiiCategory.PHONE);
        assertThat(e.toString()).doesNotContain("13812345678");
    }

    @Test
    void theRecordIsBoundedPerModelAndOverallAndCountsWhatItLeftOut() {
        AtomicLong counted = new AtomicLong();
        UnknownFieldRecord record = new UnknownFieldRecord(new PersonalDataDetector(), 3, 5, counted::addAndGet);
        Map<String, Value> many = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) many.put("f" + i, Value.of(i));
        record.record("a", many, 1000, T0);
        record.record("b", many, 10, T0);
        assertThat(record.entries()).hasSize(5);
        assertThat(record.entries().stream().filter(x -> x.model().equals("a"))).hasSize(3);
        assertThat(record.unrecorded()).isEqualTo((1000 - 3) + (10 - 2));
        assertThat(counted.get()).isEqualTo(record.unrecorded());
    }

    @Test
    void aDecisionIsPersistedAuditedAndSurvivesReopening() throws Exception {
        Path db = dir.resolve("hearth.db");
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        try (Database d = Database.open(db); AuditLog audit = new AuditLog(dir, u -> "p-" + u.hashCode())) {
            UnknownFieldRules rules = new UnknownFieldRules(d);
            UnknownFieldReview review = new UnknownFieldReview(new UnknownFieldRecord(new PersonalDataDetector(), 10, 10, n -> { }),
                    rules, PrivacyFixtures.catalog(), audit, clock);
            assertThat(review.decide("owner-1", PrivacyFixtures.LAMP, "mode", UnknownFieldDecision.TELEMETRY))
                    .isInstanceOf(UnknownFieldReview.Result.Recorded.class);
            assertThat(review.decide("owner-1", PrivacyFixtures.LAMP, "2.1", UnknownFieldDecision.TELEMETRY))
                    .as("a declared field keeps its class").isInstanceOf(UnknownFieldReview.Result.Refused.class);
            assertThat(review.decide("owner-1", "no.such.model", "mode", UnknownFieldDecision.TELEMETRY))
                    .isInstanceOf(UnknownFieldReview.Result.Refused.class);
            assertThat(rules.allowed(PrivacyFixtures.LAMP, "mode")).contains(DataClass.TELEMETRY);
            assertThat(audit.read()).singleElement().satisfies(e -> {
                assertThat(e.operation()).isEqualTo("review_unknown_field");
                assertThat(e.target()).isEqualTo("unknown-field:" + PrivacyFixtures.LAMP + "/mode");
                assertThat(e.code()).isEqualTo("TELEMETRY");
                assertThat(e.user()).isNotEqualTo("owner-1");
            });
            review.decide("owner-1", PrivacyFixtures.LAMP, "mode", UnknownFieldDecision.KEEP_DROPPING);
            assertThat(rules.allowed(PrivacyFixtures.LAMP, "mode")).isEmpty();
            review.decide("owner-1", PrivacyFixtures.LAMP, "usage", UnknownFieldDecision.DIAGNOSTIC);
        }
        try (Database d = Database.open(db)) {
            UnknownFieldRules reopened = new UnknownFieldRules(d);
            assertThat(reopened.allowed(PrivacyFixtures.LAMP, "usage")).contains(DataClass.DIAGNOSTIC);
            assertThat(reopened.allowed(PrivacyFixtures.LAMP, "mode")).isEmpty();
            assertThat(reopened.all()).extracting(UnknownFieldRules.Rule::decision)
                    .containsExactly(UnknownFieldDecision.KEEP_DROPPING, UnknownFieldDecision.DIAGNOSTIC);
        }
    }

    @Test
    void decisionsParseAsTheApiWritesThem() {
        assertThat(UnknownFieldDecision.parse("keep-dropping")).contains(UnknownFieldDecision.KEEP_DROPPING);
        assertThat(UnknownFieldDecision.parse("telemetry")).contains(UnknownFieldDecision.TELEMETRY);
        assertThat(UnknownFieldDecision.parse("PERSONAL")).isEmpty();
        assertThat(List.of(UnknownFieldDecision.values())).extracting(UnknownFieldDecision::label)
                .containsExactly("TELEMETRY", "DIAGNOSTIC", "keep-dropping");
    }
}
