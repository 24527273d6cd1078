package dev.hearth.core.access;

import static dev.hearth.core.access.HomeFixture.LAMP;
import static dev.hearth.core.access.HomeFixture.OWNER;
import static dev.hearth.core.access.HomeFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.driver.api.model.Privilege;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
    /** A stand-in for the privacy module's pseudonymiser: recognisable, not reversible by eye. */
    private static final UnaryOperator<String> PSEUDO = u -> "p_" + Integer.toHexString(("salt" + u).hashCode());

    @Test
    void writesOneJsonLinePerDecisionWithoutRawUserIdsOrNames(@TempDir Path dir) throws Exception {
        try (HomeFixture home = new HomeFixture(dir); AuditLog log = new AuditLog(dir.resolve("data"), PSEUDO)) {
            Share s = home.accepted("alice", new RoomScope(home.bedroom), Privilege.VIEW);
            AuditedAccess access = new AuditedAccess(home.policy, log, Clock.fixed(T0, ZoneOffset.UTC));

            assertThat(access.decide("alice", new DeviceScope(LAMP), Operation.READ_STATE).allowed()).isTrue();
            assertThat(access.decide("alice", new DeviceScope(LAMP), Operation.SET_PROPERTIES).allowed()).isFalse();
            assertThat(access.decide("mallory", new DeviceScope(LAMP), Operation.READ_STATE).allowed()).isFalse();
            assertThat(access.decide(OWNER, Scope.HOME, Operation.DELETE_HOME).allowed()).isTrue();

            List<String> lines = Files.readAllLines(dir.resolve("data").resolve("audit.log"));
            assertThat(lines).hasSize(4);
            String all = String.join("\n", lines);
            assertThat(all).doesNotContain("alice", "mallory", "Bedroom").contains(PSEUDO.apply("alice"));
            JsonNode denied = new ObjectMapper().readTree(lines.get(1));
            assertThat(denied.get("time").asText()).isEqualTo(T0.toString());
            assertThat(denied.get("user").asText()).isEqualTo(PSEUDO.apply("alice"));
            assertThat(denied.get("operation").asText()).isEqualTo("set_properties");
            assertThat(denied.get("required").asText()).isEqualTo("OPERATE");
            assertThat(denied.get("target").asText()).isEqualTo("device:lamp-1");
            assertThat(denied.get("decision").asText()).isEqualTo("DENY");
            assertThat(denied.get("code").asText()).isEqualTo("INSUFFICIENT_PRIVILEGE");
            assertThat(denied.get("held").asText()).isEqualTo("VIEW");
            assertThat(denied.get("via").asText()).isEqualTo("share:" + s.id() + " on room:" + home.bedroom);
            assertThat(log.read()).extracting(AuditEntry::code)
                    .containsExactly("SHARED", "INSUFFICIENT_PRIVILEGE", "NO_ACCESS", "OWNER");
            assertThat(log.read().get(3).via()).isEqualTo("owner");
            assertThat(log.read().get(2).held()).isEqualTo("none");
        }
    }

    @Test
    void anonymisesOneUsersEntriesAndKeepsAppending(@TempDir Path dir) {
        try (HomeFixture home = new HomeFixture(dir); AuditLog log = new AuditLog(dir, PSEUDO)) {
            home.accepted("alice", Scope.HOME, Privilege.OPERATE);
            log.record(home.policy.decide("alice", new DeviceScope(LAMP), Operation.READ_STATE, T0), T0);
            log.record(home.policy.decide("bob", new DeviceScope(LAMP), Operation.READ_STATE, T0), T0);
            log.record(home.policy.decide("alice", Scope.HOME, Operation.SHARE, T0), T0.plusSeconds(1));

            AuditLog.Rewrite r = log.anonymiseUser("alice");

            assertThat(r).isEqualTo(new AuditLog.Rewrite(3, 2, 0));
            List<AuditEntry> entries = log.read();
            assertThat(entries).extracting(AuditEntry::user)
                    .containsExactly(AuditEntry.ANONYMOUS, PSEUDO.apply("bob"), AuditEntry.ANONYMOUS);
            assertThat(entries.get(0).via()).isEqualTo("share"); // the share id would lead back to alice
            assertThat(entries.get(2).code()).isEqualTo("INSUFFICIENT_PRIVILEGE"); // the facts stay
            log.record(home.policy.decide("bob", Scope.HOME, Operation.READ_STATE, T0), T0.plusSeconds(2));
            assertThat(log.read()).hasSize(4);
        }
    }

    @Test
    void anonymisesEntriesOlderThanTheRetentionCutoffAndDropsTornLines(@TempDir Path dir) throws Exception {
        try (HomeFixture home = new HomeFixture(dir); AuditLog log = new AuditLog(dir, PSEUDO)) {
            Instant cutoff = T0.plusSeconds(86_400);
            log.record(home.policy.decide("bob", new DeviceScope(LAMP), Operation.READ_STATE, T0), T0);
            log.record(home.policy.decide("bob", new DeviceScope(LAMP), Operation.READ_STATE, T0),
                    cutoff.minusNanos(1));
            log.record(home.policy.decide("bob", new DeviceScope(LAMP), Operation.READ_STATE, T0), cutoff);
            Files.writeString(log.file(), "{\"time\":\"2025-01-0", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

            AuditLog.Rewrite r = log.anonymiseBefore(cutoff);

            assertThat(r).isEqualTo(new AuditLog.Rewrite(3, 2, 1));
            assertThat(log.read()).extracting(AuditEntry::user)
                    .containsExactly(AuditEntry.ANONYMOUS, AuditEntry.ANONYMOUS, PSEUDO.apply("bob"));
            assertThat(Files.readAllLines(log.file())).hasSize(3);
        }
    }
}
