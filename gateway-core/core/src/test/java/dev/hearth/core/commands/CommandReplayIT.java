package dev.hearth.core.commands;

import static dev.hearth.core.commands.GatewayRig.GATEWAY;
import static dev.hearth.core.commands.GatewayRig.HOME;
import static dev.hearth.core.commands.GatewayRig.OWNER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.GatewayAssembly;
import dev.hearth.core.cloud.CloudSubscriber;
import dev.hearth.core.cloud.CloudTopics;
import dev.hearth.core.cloud.command.CommandClient;
import dev.hearth.core.home.Room;
import dev.hearth.testkit.Conditions;
import dev.hearth.protocols.cloud.v1.CommandBody;
import dev.hearth.protocols.cloud.v1.CommandReply;
import dev.hearth.protocols.cloud.v1.CommandReply.Status;
import dev.hearth.protocols.cloud.v1.CreateRoomOp;
import dev.hearth.protocols.cloud.v1.Property;
import dev.hearth.protocols.cloud.v1.SetPropertiesOp;
import dev.hearth.protocols.cloud.v1.Value;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21, defect 6, through a real Mosquitto and whole gateways: an eavesdropper on the broker
 * captures a signed command off the commands topic and publishes the same bytes again, after the
 * gateway restarted (the replay cache used to live in memory only) or to another gateway of the
 * same home (the signed body used to name no gateway); and a command of the old schema version.
 */
class CommandReplayIT {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir Path dir;
    GatewayRig rig;

    @BeforeEach
    void start() throws Exception {
        rig = new GatewayRig(dir);
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void aCapturedCommandIsAcceptedOnceAndRefusedAsReplayedAfterTheGatewayRestartsOnTheSameDataDirectory() throws Exception {
        try (var eavesdropper = new CloudSubscriber(rig.broker.uri(), rig.topics.commands())) {
            CommandReply first = rig.send(OWNER, rig.lamp, b -> b.setSetProperties(lampOn()));
            assertThat(first.getStatus()).as(first.toString()).isEqualTo(Status.OK);
            byte[] captured = captured(eavesdropper);

            rig.restart();

            CommandReply replayed = replay(rig.topics, captured);
            assertThat(replayed.getStatus()).as(replayed.toString()).isEqualTo(Status.REPLAYED);
            assertThat(replayed.getReasonCode()).isEqualTo("replayed");
            // the gateway still takes fresh commands after the restart
            assertThat(rig.send(OWNER, rig.lamp, b -> b.setSetProperties(lampOn())).getStatus()).isEqualTo(Status.OK);
        }
    }

    @Test
    void aCommandForOneGatewayReplayedToAnotherGatewayOfTheSameHomeIsRefused() throws Exception {
        GatewayAssembly neighbour = rig.startNeighbour("gw2");
        try (var eavesdropper = new CloudSubscriber(rig.broker.uri(), rig.topics.commands())) {
            CommandReply created = rig.send(OWNER, "", b -> b.setCreateRoom(CreateRoomOp.newBuilder().setName("Study")));
            assertThat(created.getStatus()).as(created.toString()).isEqualTo(Status.OK);
            byte[] captured = captured(eavesdropper);

            CommandReply replayed = replay(CloudTopics.of(HOME, "gw2"), captured);

            assertThat(replayed.getStatus()).as(replayed.toString()).isEqualTo(Status.FORBIDDEN);
            assertThat(replayed.getReasonCode()).isEqualTo("wrong_gateway");
            assertThat(neighbour.rooms().list()).extracting(Room::name).doesNotContain("Study");
            assertThat(neighbour.metrics().scrape())
                    .contains("hearth_commands_refused_total{origin=\"cloud\",reason=\"wrong_gateway\"} 1.0");
        } finally {
            neighbour.close();
        }
    }

    @Test
    void aWellSignedCommandOfTheOldSchemaVersionIsRefusedAsMalformed() throws Exception {
        // what a signer of schema_version 1 sent: no gateway in the body
        CommandBody old = rig.signer().newBody(OWNER, HOME, GATEWAY, rig.lamp).setSchemaVersion(1).clearGateway()
                .setSetProperties(lampOn()).build();
        try (var client = CommandClient.connect(rig.broker.uri(), Optional.empty(), rig.topics, WAIT)) {
            CommandReply reply = client.send(rig.signer().sign(old)).get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(reply.getStatus()).as(reply.toString()).isEqualTo(Status.MALFORMED);
            assertThat(reply.getReasonCode()).isEqualTo("unsupported_schema_version");
            assertThat(reply.getMessage()).contains("schema_version 1 is not supported");
        }
    }

    private static SetPropertiesOp lampOn() {
        return SetPropertiesOp.newBuilder().addValues(Property.newBuilder().setKey("2.1").setValue(Value.newBuilder().setBoolValue(true))).build();
    }

    private static byte[] captured(CloudSubscriber eavesdropper) {
        Conditions.await("the command seen on the broker", WAIT, () -> !eavesdropper.received().isEmpty(), eavesdropper::describe);
        return eavesdropper.received().get(0).payload();
    }

    /** Publishes {@code payload} on {@code topics}' commands topic with the attacker's own response topic. */
    private CommandReply replay(CloudTopics topics, byte[] payload) throws Exception {
        try (var attacker = CommandClient.connect(rig.broker.uri(), Optional.empty(), topics, WAIT)) {
            return attacker.sendRaw(payload, true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }
}
