package dev.hearth.core.privacy.rights;

import dev.hearth.config.PrivacyAction;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import dev.hearth.core.access.AuditEntry;
import dev.hearth.core.access.DeviceScope;
import dev.hearth.core.access.Operation;
import dev.hearth.core.cloud.CloudTopics;
import dev.hearth.core.cloud.InMemoryCloudCounters;
import dev.hearth.core.cloud.MessageKind;
import dev.hearth.core.cloud.OutboundMessage;
import dev.hearth.core.cloud.OutboxLimits;
import dev.hearth.core.cloud.command.TestCommands;
import dev.hearth.core.cloud.outbox.Outbox;
import dev.hearth.core.privacy.ConsentChange;
import dev.hearth.core.privacy.FilteredTelemetry;
import dev.hearth.core.privacy.PrivacyFixtures;
import dev.hearth.core.privacy.PrivacyPolicy;
import dev.hearth.core.privacy.TelemetryPayloads;
import dev.hearth.testkit.ManualClock;
import dev.hearth.testkit.ManualScheduler;
import dev.hearth.driver.api.DeviceEvent;
import dev.hearth.driver.api.model.DataClass;
import dev.hearth.driver.api.model.Privilege;
import dev.hearth.driver.api.value.Value;
import dev.hearth.protocols.cloud.v1.CommandBody;
import dev.hearth.protocols.cloud.v1.CommandReply;
import dev.hearth.protocols.cloud.v1.CommandReply.Status;
import dev.hearth.protocols.cloud.v1.EraseUserDataOp;
import dev.hearth.protocols.cloud.v1.ExportUserDataOp;
import dev.hearth.protocols.cloud.v1.ReadStateOp;
import dev.hearth.protocols.cloud.v1.SetUxConsentOp;
import dev.hearth.protocols.cloud.v1.WithdrawConsentOp;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivacyCommandHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALICE = "alice-7";
    private static final String BOB = "bob-3";
    private static final CloudTopics TOPICS = CloudTopics.of(RightsHome.HOME, "gw1");

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(Instant.parse("2025-03-01T08:00:00Z"));
    private final AtomicLong ids = new AtomicLong();
    private final InMemoryCloudCounters counters = new InMemoryCloudCounters();
    private RightsHome home;
    private Outbox outbox;

    @BeforeEach
    void openAHomeWithALampALockAndAnOutbox() {
        PrivacyPolicy policy = PrivacyPolicy.defaults().withAction(DataClass.PERSONAL, PrivacyAction.PSEUDONYMISE);
        home = new RightsHome(dir, clock, new ManualScheduler(clock), policy, true, PrivacyFixtures.catalog());
        home.addDevice("lamp-1", PrivacyFixtures.LAMP);
        home.addDevice("lock-1", PrivacyFixtures.LOCK);
        outbox = Outbox.open(home.db, OutboxLimits.defaults(), clock, counters);
        home.useOutbox(outbox);
    }

    @AfterEach
    void close() {
        outbox.close();
        home.close();
    }

    private CommandReply send(String user, CommandBody.Builder op) throws Exception {
        CommandBody body = op.setSchemaVersion(1).setRequestId("r" + ids.incrementAndGet()).setUser(user)
                .setHome(RightsHome.HOME).setNonce(ByteString.copyFromUtf8("nonce-" + ids.get())).build();
        return home.commands.handle(TestCommands.verifiedWithoutGate(body)).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static JsonNode data(CommandReply r) throws Exception {
        return JSON.readTree(r.getData().toByteArray());
    }

    private Optional<FilteredTelemetry> unlockedBy(String user) {
        return home.filter.filter("lock-1", Optional.of(PrivacyFixtures.lock()),
                new DeviceEvent.EventTriggered("2.1", Map.of("user", Value.of(user), "method", Value.of(2)), clock.instant()));
    }

    private void queue(FilteredTelemetry t) {
        outbox.enqueue(OutboundMessage.of(MessageKind.TELEMETRY, TOPICS.telemetry(t.deviceId()),
                TelemetryPayloads.telemetry(t, ids.incrementAndGet()).message().toByteArray()));
    }

    @Test
    void onlyTheHomeOwnerMayChangeTheUxProgramme() throws Exception {
        CommandReply r = send(ALICE, CommandBody.newBuilder().setSetUxConsent(SetUxConsentOp.newBuilder().setJoined(false)));

        assertThat(r.getStatus()).isEqualTo(Status.FORBIDDEN);
        assertThat(r.getReasonCode()).isEqualTo("not_owner");
        assertThat(home.consent.uxProgrammeJoined()).isTrue();
        assertThat(home.consent.history()).isEmpty();
    }

    @Test
    void optingOutOfTheUxProgrammeStopsDiagnosticsAtOnce() throws Exception {
        Map<String, Value> report = Map.of("2.1", Value.of(true), "3.1", Value.of(-52), "3.2", Value.of("1.4.2"));
        var before = home.filter.filter("lamp-1", Optional.of(PrivacyFixtures.lamp()), new DeviceEvent.StateReported(report, clock.instant()));
        assertThat(before.orElseThrow().values()).containsKeys("2.1", "3.1", "3.2");

        CommandReply r = send(RightsHome.OWNER, CommandBody.newBuilder().setSetUxConsent(SetUxConsentOp.newBuilder().setJoined(false)));

        assertThat(r.getStatus()).isEqualTo(Status.OK);
        assertThat(data(r).get("uxProgrammeJoined").asBoolean()).isFalse();
        var after = home.filter.filter("lamp-1", Optional.of(PrivacyFixtures.lamp()), new DeviceEvent.StateReported(report, clock.instant()));
        assertThat(after.orElseThrow().values()).containsOnlyKeys("2.1");
        assertThat(home.consent.history()).extracting(ConsentChange::kind, ConsentChange::actor)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ConsentChange.Kind.UX_PROGRAMME_LEFT, RightsHome.OWNER));
    }

    @Test
    void withdrawalIsRecordedPurgesTheQueueErasesLocalDataAndStopsCollection() throws Exception {
        home.share(ALICE, new DeviceScope("lamp-1"), Privilege.OPERATE);
        home.audited.decide(ALICE, new DeviceScope("lamp-1"), Operation.SET_PROPERTIES);
        home.audited.decide(ALICE, new DeviceScope("lock-1"), Operation.READ_STATE);
        home.audited.decide(BOB, new DeviceScope("lamp-1"), Operation.READ_STATE);
        queue(unlockedBy(ALICE).orElseThrow());
        queue(unlockedBy(BOB).orElseThrow());
        queue(home.filter.filter("lamp-1", Optional.of(PrivacyFixtures.lamp()),
                new DeviceEvent.StateReported(Map.of("2.1", Value.of(true)), clock.instant())).orElseThrow());
        String alicePseudonym = home.pseudonymiser.pseudonym(ALICE);
        assertThat(outbox.held(m -> true)).hasSize(3);
        clock.advance(Duration.ofMinutes(5));

        CommandReply r = send(ALICE, CommandBody.newBuilder().setWithdrawConsent(WithdrawConsentOp.getDefaultInstance()));

        assertThat(r.getStatus()).isEqualTo(Status.OK);
        JsonNode done = data(r);
        assertThat(done.get("consentWithdrawn").asBoolean()).isTrue();
        assertThat(done.get("outboxEntriesDeleted").asInt()).isEqualTo(1);
        assertThat(done.get("auditEntriesAnonymised").asInt()).isEqualTo(2);
        assertThat(done.get("sharesReceivedDeleted").asInt()).isEqualTo(1);
        assertThat(counters.get("dropped.TELEMETRY.ERASED")).isEqualTo(1);
        // the queue: Bob's unlock and the lamp stay, nothing names Alice any more
        assertThat(outbox.held(m -> true)).hasSize(2);
        assertThat(outbox.held(home.held.mentionsOf(ALICE))).isEmpty();
        assertThat(outbox.held(home.held.mentionsOf(BOB))).hasSize(1);
        // local data
        assertThat(home.consent.withdrawnAt(ALICE)).contains(clock.instant());
        assertThat(home.shares.all()).noneMatch(s -> s.grantee().equals(ALICE));
        assertThat(home.audit.read()).extracting(AuditEntry::user).doesNotContain(alicePseudonym)
                .contains(home.pseudonymiser.pseudonym(BOB), AuditEntry.ANONYMOUS);
        assertThat(home.access.decide(ALICE, new DeviceScope("lamp-1"), Operation.READ_STATE, clock.instant()).allowed()).isFalse();
        // nothing more is collected about her
        assertThat(unlockedBy(ALICE)).isEmpty();
        assertThat(unlockedBy(BOB)).isPresent();
    }

    @Test
    void exportShowsEverythingHeldAndEraseByTheOwnerLeavesNothing() throws Exception {
        home.share(ALICE, new DeviceScope("lamp-1"), Privilege.VIEW);
        home.audited.decide(ALICE, new DeviceScope("lamp-1"), Operation.READ_STATE);
        home.audited.decide(ALICE, new DeviceScope("lock-1"), Operation.READ_STATE);
        queue(unlockedBy(ALICE).orElseThrow());

        JsonNode export = data(send(ALICE, CommandBody.newBuilder().setExportUserData(ExportUserDataOp.getDefaultInstance())));

        assertThat(export.get("user").asText()).isEqualTo(ALICE);
        assertThat(export.get("pseudonym").asText()).isEqualTo(home.pseudonymiser.pseudonym(ALICE));
        assertThat(export.at("/shares/asGrantee")).hasSize(1);
        assertThat(export.at("/shares/asGrantee/0/state").asText()).isEqualTo("ACCEPTED");
        assertThat(export.at("/devices")).hasSize(1);
        assertThat(export.at("/devices/0/id").asText()).isEqualTo("lamp-1");
        assertThat(export.at("/devices/0/privilege").asText()).isEqualTo("VIEW");
        assertThat(export.at("/audit/count").asInt()).isEqualTo(2);
        assertThat(export.at("/audit/entries/1/decision").asText()).isEqualTo("DENY");
        assertThat(export.at("/outbox/count").asInt()).isEqualTo(1);
        assertThat(export.at("/outbox/entries/0/payload").toString()).contains(home.pseudonymiser.pseudonym(ALICE));
        assertThat(export.at("/consent/withdrawn").asBoolean()).isFalse();

        CommandReply byBob = send(BOB, CommandBody.newBuilder().setEraseUserData(EraseUserDataOp.newBuilder().setSubject(ALICE)));
        assertThat(byBob.getStatus()).isEqualTo(Status.FORBIDDEN);
        assertThat(outbox.held(m -> true)).hasSize(1);

        CommandReply byOwner = send(RightsHome.OWNER, CommandBody.newBuilder().setEraseUserData(EraseUserDataOp.newBuilder().setSubject(ALICE)));
        assertThat(byOwner.getStatus()).isEqualTo(Status.OK);
        assertThat(data(byOwner).get("outboxEntriesDeleted").asInt()).isEqualTo(1);
        assertThat(data(byOwner).get("consentWithdrawn").asBoolean()).isFalse();

        JsonNode after = data(send(ALICE, CommandBody.newBuilder().setExportUserData(ExportUserDataOp.getDefaultInstance())));
        assertThat(after.at("/shares/asGrantee")).isEmpty();
        assertThat(after.at("/devices")).isEmpty();
        assertThat(after.at("/audit/count").asInt()).isZero();
        assertThat(after.at("/outbox/count").asInt()).isZero();
    }

    @Test
    void aUserMayEraseThemselvesWithoutNamingASubject() throws Exception {
        home.audited.decide(BOB, new DeviceScope("lamp-1"), Operation.READ_STATE);

        CommandReply r = send(BOB, CommandBody.newBuilder().setEraseUserData(EraseUserDataOp.getDefaultInstance()));

        assertThat(r.getStatus()).isEqualTo(Status.OK);
        assertThat(data(r).get("user").asText()).isEqualTo(BOB);
        assertThat(data(r).get("auditEntriesAnonymised").asInt()).isEqualTo(1);
    }

    @Test
    void aWithdrawalByAUserTheHomeHoldsNothingAboutIsTakenAndStopsTheirEventsWhileAnExportIsNoDataHeld() throws Exception {
        CommandReply export = send(ALICE, CommandBody.newBuilder().setExportUserData(ExportUserDataOp.getDefaultInstance()));
        assertThat(export.getStatus()).isEqualTo(Status.INVALID_ARGUMENT);
        assertThat(export.getReasonCode()).isEqualTo("no_data");
        assertThat(unlockedBy(ALICE)).as("the lock's events name her before").isPresent();

        CommandReply r = send(ALICE, CommandBody.newBuilder().setWithdrawConsent(WithdrawConsentOp.getDefaultInstance()));

        assertThat(r.getStatus()).isEqualTo(Status.OK);
        assertThat(home.consent.withdrawnAt(ALICE)).contains(clock.instant());
        assertThat(unlockedBy(ALICE)).as("nothing more leaves about her").isEmpty();
    }

    @Test
    void refusesOperationsThatAreNotAboutPrivacy() throws Exception {
        CommandReply r = send(ALICE, CommandBody.newBuilder().setDevice("lamp-1").setReadState(ReadStateOp.getDefaultInstance()));

        assertThat(r.getStatus()).isEqualTo(Status.INVALID_ARGUMENT);
        assertThat(r.getReasonCode()).isEqualTo("unsupported_operation");
    }
}
