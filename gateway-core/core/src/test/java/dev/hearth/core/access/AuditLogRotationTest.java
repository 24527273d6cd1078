package dev.hearth.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.config.AuditLogConfig;
import dev.hearth.config.DataSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogRotationTest {
    private static final UnaryOperator<String> PSEUDO = u -> "p_" + u;
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    @TempDir Path dir;

    private static void review(AuditLog log, String user, int n, Instant at) {
        assertThat(log.recordPrivacyReview(user, "acme.lamp", "field" + n, "KEEP_HOME", at)).isTrue();
    }

    private Path file(String name) {
        return dir.resolve(name);
    }

    @Test
    void theLogIsRotatedBySizeAndKeepsAtMostMaxFilesRotatedFilesOldestDeleted() throws Exception {
        AuditLogConfig limits = new AuditLogConfig(DataSize.ofBytes(2048), Duration.ofDays(7), 3);
        try (AuditLog log = new AuditLog(dir, PSEUDO, limits)) {
            for (int i = 0; i < 200; i++) review(log, "u" + i, i, T0.plusSeconds(i));
            assertThat(file("audit.log")).exists();
            for (String rotated : List.of("audit.log.1", "audit.log.2", "audit.log.3")) {
                assertThat(file(rotated)).exists();
                assertThat(Files.size(file(rotated))).as(rotated).isBetween(2048L, 2048L + 400);
            }
            assertThat(file("audit.log.4")).doesNotExist();

            List<AuditEntry> kept = log.read();
            assertThat(kept.size()).as("the oldest entries went with the deleted file").isLessThan(200).isGreaterThan(20);
            assertThat(kept).extracting(AuditEntry::time).isSorted();
            assertThat(kept.get(kept.size() - 1).user()).isEqualTo("p_u199");
            assertThat(kept.get(0).user()).isNotEqualTo("p_u0");
        }
    }

    @Test
    void theLogIsRotatedWhenItsFirstEntryIsMaxFileAgeOldAlsoAcrossAReopen() throws Exception {
        AuditLogConfig limits = new AuditLogConfig(DataSize.ofMegabytes(8), Duration.ofHours(1), 8);
        try (AuditLog log = new AuditLog(dir, PSEUDO, limits)) {
            review(log, "a", 1, T0);
            review(log, "a", 2, T0.plus(Duration.ofMinutes(59)));
            assertThat(file("audit.log.1")).doesNotExist();
        }
        try (AuditLog log = new AuditLog(dir, PSEUDO, limits)) {
            review(log, "a", 3, T0.plus(Duration.ofMinutes(61))); // the age comes from the file's first line
            assertThat(Files.readAllLines(file("audit.log.1"))).hasSize(2);
            assertThat(Files.readAllLines(file("audit.log"))).hasSize(1);
            review(log, "a", 4, T0.plus(Duration.ofMinutes(100)));
            assertThat(file("audit.log.2")).as("the new file's age counts from its own first entry").doesNotExist();
            assertThat(log.read()).hasSize(4);
        }
    }

    @Test
    void erasureAndTheExportGoThroughEveryFileLineByLine() throws Exception {
        AuditLogConfig limits = new AuditLogConfig(DataSize.ofBytes(1024), Duration.ofDays(7), 40);
        try (AuditLog log = new AuditLog(dir, PSEUDO, limits)) {
            for (int i = 0; i < 60; i++) review(log, i % 3 == 0 ? "alice" : "bob", i, T0.plusSeconds(i));
            Files.writeString(file("audit.log.2"), "{torn line\n", java.nio.file.StandardOpenOption.APPEND);
            assertThat(file("audit.log.3")).exists();

            assertThat(log.entries(e -> e.user().equals("p_alice"))).hasSize(20).extracting(AuditEntry::time).isSorted();

            AuditLog.Rewrite erased = log.anonymiseUser("alice");
            assertThat(erased.anonymised()).isEqualTo(20);
            assertThat(erased.entries()).isEqualTo(60);
            assertThat(erased.malformedDropped()).isEqualTo(1);
            assertThat(log.entries(e -> e.user().equals("p_alice"))).isEmpty();
            assertThat(log.entries(e -> e.user().equals("p_bob"))).hasSize(40);
            for (int k = 1; k <= 3; k++) assertThat(Files.readString(file("audit.log." + k))).doesNotContain("p_alice");

            review(log, "bob", 99, T0.plusSeconds(100)); // still appending after the rewrite
            assertThat(log.entries(e -> e.user().equals("p_bob"))).hasSize(41);
        }
    }
}
