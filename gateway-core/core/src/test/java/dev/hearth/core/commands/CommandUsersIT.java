package dev.hearth.core.commands;

import static dev.hearth.core.commands.GatewayRig.OWNER;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.hearth.core.access.AuditEntry;
import dev.hearth.core.access.ShareBook;
import dev.hearth.core.cloud.command.CommandExecutor;
import dev.hearth.core.home.Room;
import dev.hearth.testkit.Conditions;
import dev.hearth.protocols.cloud.v1.CommandReply;
import dev.hearth.protocols.cloud.v1.CommandReply.Status;
import dev.hearth.protocols.cloud.v1.CreateRoomOp;
import dev.hearth.protocols.cloud.v1.Property;
import dev.hearth.protocols.cloud.v1.SetPropertiesOp;
import dev.hearth.protocols.cloud.v1.Value;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue 21, defect 8, through a real Mosquitto and a whole gateway: a signed command naming an id
 * Hearth writes in a user's place is refused at the command gate, before any share, audit line or
 * store sees it; and the log line of a refused command names its user by the audit log's
 * pseudonym, never in clear.
 */
class CommandUsersIT {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir Path dir;
    GatewayRig rig;
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger executorLog = (Logger) LoggerFactory.getLogger(CommandExecutor.class);

    @BeforeEach
    void start() throws Exception {
        rig = new GatewayRig(dir);
        logged.start();
        executorLog.addAppender(logged);
    }

    @AfterEach
    void stop() {
        executorLog.detachAppender(logged);
        rig.close();
    }

    @Test
    void aSignedCommandNamingAReservedUserIsRefusedAtTheGateAndCountedBeforeAnythingSeesIt() throws Exception {
        int auditBefore = rig.gateway().audit().read().size();
        String pseudonymShaped = rig.gateway().pseudonymiser().pseudonym(OWNER);
        for (String reserved : List.of(ShareBook.ERASED_USER, AuditEntry.ANONYMOUS, pseudonymShaped)) {
            CommandReply reply = rig.send(reserved, "", b -> b.setCreateRoom(CreateRoomOp.newBuilder().setName("Den " + reserved)));

            assertThat(reply.getStatus()).as(reply.toString()).isEqualTo(Status.FORBIDDEN);
            assertThat(reply.getReasonCode()).isEqualTo("reserved_user");
            assertThat(reply.getMessage()).contains("is reserved by Hearth and cannot be a user id");
        }
        assertThat(rig.gateway().rooms().list()).extracting(Room::name).noneMatch(n -> n.startsWith("Den "));
        assertThat(rig.gateway().audit().read()).as("no access decision was taken, so none was audited").hasSize(auditBefore);
        assertThat(rig.gateway().metrics().scrape())
                .contains("hearth_commands_refused_total{origin=\"cloud\",reason=\"reserved_user\"} 3.0");
        // the owner's own commands still go through
        assertThat(rig.send(OWNER, "", b -> b.setCreateRoom(CreateRoomOp.newBuilder().setName("Study"))).getStatus()).isEqualTo(Status.OK);
    }

    @Test
    void theLogLineOfACommandRefusedByThePermissionCheckNamesTheUserByTheirAuditPseudonymOnly() throws Exception {
        String stranger = "mallory-7";
        CommandReply reply = rig.send(stranger, rig.lamp, b -> b.setSetProperties(lampOn()));
        assertThat(reply.getStatus()).as(reply.toString()).isEqualTo(Status.FORBIDDEN);

        String line = refusalLine(reply.getRequestId());
        String pseudonym = rig.gateway().pseudonymiser().pseudonym(stranger);
        assertThat(line).contains("for user " + pseudonym).doesNotContain("mallory");
        // the same person, named the same way in the audit log
        assertThat(rig.gateway().audit().read()).extracting(AuditEntry::user).contains(pseudonym).doesNotContain(stranger);
    }

    @Test
    void theLogLineOfACommandWhoseUserIdHoldsControlCharactersNamesItByPseudonymOnOneLine() throws Exception {
        String forged = "mallory\n12:00:00.000 INFO  granted OWNER to mallory\u001b[2K";
        CommandReply reply = rig.send(forged, rig.lamp, b -> b.setSetProperties(lampOn()));
        assertThat(reply.getStatus()).as(reply.toString()).isEqualTo(Status.FORBIDDEN);
        assertThat(reply.getReasonCode()).isEqualTo("invalid_user");

        String line = refusalLine(reply.getRequestId());
        assertThat(line).contains("for user " + rig.gateway().pseudonymiser().pseudonym(forged))
                .doesNotContain("mallory").doesNotContain("\n").doesNotContain("\u001b");
    }

    private String refusalLine(String requestId) {
        Conditions.await("the refusal logged", WAIT, () -> refusals(requestId).size() == 1, () -> logged.list.toString());
        return refusals(requestId).get(0);
    }

    private List<String> refusals(String requestId) {
        return List.copyOf(logged.list).stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains("command refused") && m.contains(requestId)).toList();
    }

    private static SetPropertiesOp lampOn() {
        return SetPropertiesOp.newBuilder().addValues(Property.newBuilder().setKey("2.1").setValue(Value.newBuilder().setBoolValue(true))).build();
    }
}
