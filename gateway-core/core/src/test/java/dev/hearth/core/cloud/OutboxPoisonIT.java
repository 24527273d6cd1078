package dev.hearth.core.cloud;

import dev.hearth.testkit.Conditions;
import dev.hearth.testkit.MosquittoBroker;

import dev.hearth.core.privacy.TestPayloads;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.core.cloud.outbox.Outbox;
import dev.hearth.core.storage.Database;
import dev.hearth.protocols.cloud.v1.Property;
import dev.hearth.protocols.cloud.v1.Telemetry;
import dev.hearth.protocols.cloud.v1.Value;
import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21, defect 1, through a real Mosquitto: no single message, whoever made it, can keep the
 * cloud link from delivering the telemetry behind it.
 */
class OutboxPoisonIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int TELEMETRY = 20;

    @TempDir Path dir;
    private MosquittoBroker broker;
    private BridgeFixture fixture;
    private CloudSubscriber subscriber;

    @AfterEach
    void tearDown() throws Exception {
        if (subscriber != null) subscriber.close();
        if (fixture != null) fixture.close();
        if (broker != null) broker.close();
    }

    private static Telemetry telemetry(long id, int payloadBytes) {
        var t = Telemetry.newBuilder().setDevice("dev1").setId(id).setAtMs(1)
                .addChanges(Property.newBuilder().setKey("2.1").setValue(Value.newBuilder().setIntValue(id)));
        if (payloadBytes > 0) {
            t.addChanges(Property.newBuilder().setKey("9.9").setValue(Value.newBuilder()
                    .setStringValue("x".repeat(payloadBytes))));
        }
        return t.build();
    }

    private void publishTelemetry(CloudBridge bridge, int from, int count) {
        for (int i = from; i < from + count; i++) bridge.publishTelemetry(TestPayloads.telemetry(telemetry(i, 0)));
    }

    /** Every telemetry message reached the subscriber and was acknowledged: the outbox is empty. */
    private void awaitTelemetryDelivered(CloudBridge bridge, int count) {
        Conditions.until(WAIT, () -> TelemetryLedger.distinctTelemetry(subscriber.received()) >= count
                        && fixture.counters.get("delivered.TELEMETRY") >= count && bridge.outboxStats().held() == 0,
                () -> "telemetry delivered: " + TelemetryLedger.distinctTelemetry(subscriber.received()) + " of " + count
                        + ", " + bridge.outboxStats() + ", " + fixture.counters + ", " + bridge.linkStatus());
    }

    @Test
    void aGarbageCommandWithASysResponseTopicIsDroppedUnansweredAndTheLinkStaysUp() throws Exception {
        broker = MosquittoBroker.start();
        fixture = new BridgeFixture(dir);
        CloudBridge bridge = fixture.start(broker.uri());
        fixture.awaitConnected();
        subscriber = new CloudSubscriber(broker.uri(), fixture.topics.all());

        // mosquitto_pub -V mqttv5 -t .../commands -D publish response-topic '$SYS/x' -m garbage
        var attacker = new MqttAsyncClient(broker.uri().toString(), "attacker", new MemoryPersistence());
        attacker.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
        var props = new MqttProperties();
        props.setResponseTopic("$SYS/x");
        attacker.publish(fixture.topics.commands(), new MqttMessage("garbage".getBytes(StandardCharsets.UTF_8), 1, false, props))
                .waitForCompletion(10_000);
        attacker.disconnect().waitForCompletion(5_000);
        attacker.close();
        Conditions.until(WAIT, () -> fixture.counters.get("command.dropped.bad_response_topic") == 1, fixture.counters::toString);

        publishTelemetry(bridge, 1, TELEMETRY);
        awaitTelemetryDelivered(bridge, TELEMETRY);
        assertThat(fixture.counters.get("connect.lost")).as("link losses").isZero();
        assertThat(fixture.counters.get("answered.MALFORMED")).as("no reply queued").isZero();
    }

    /**
     * What an older gateway may have left in its outbox: a reply the broker refuses ('$SYS/x': a
     * PUBACK 0x87, after which Paho drops the connection) or one whose topic has a control
     * character (Paho's encoder throws on its send thread and drops the connection, no PUBACK at
     * all). Either costs the link every time it goes out.
     */
    @ParameterizedTest
    @ValueSource(strings = {"$SYS/x", "hearth/v1/poison\u0001topic"})
    void aPoisonEntryInTheOutboxThatKillsTheConnectionIsSetAsideAndTheTelemetryBehindItIsDelivered(String topic) throws Exception {
        broker = MosquittoBroker.start();
        fixture = new BridgeFixture(dir);
        try (Outbox o = Outbox.open(fixture.db, OutboxLimits.defaults(), Clock.systemUTC(), CloudCounters.none())) {
            o.flush().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
        try (PreparedStatement p = fixture.db.connection().prepareStatement(
                "INSERT INTO outbox (id, kind, topic, payload, correlation, created_ms) VALUES (1, 'REPLY', ?, ?, NULL, ?)")) {
            p.setString(1, topic);
            p.setBytes(2, ByteString.copyFromUtf8("poison").toByteArray());
            p.setLong(3, System.currentTimeMillis());
            p.executeUpdate();
        }
        CloudBridge bridge = fixture.start(broker.uri());
        subscriber = new CloudSubscriber(broker.uri(), fixture.topics.all());
        publishTelemetry(bridge, 1, TELEMETRY);

        awaitTelemetryDelivered(bridge, TELEMETRY);
        assertThat(fixture.counters.get("dropped.REPLY.LINK_KILLER") + fixture.counters.get("dropped.REPLY.REJECTED"))
                .as("the poison entry set aside: " + fixture.counters).isEqualTo(1);
        fixture.awaitConnected();
    }

    @Test
    void aMessageLargerThanTheBrokersMaximumPacketSizeIsRefusedAtEnqueueAndTheTelemetryBehindItIsDelivered() throws Exception {
        broker = MosquittoBroker.withConfig("max_packet_size 4096");
        fixture = new BridgeFixture(dir);
        CloudBridge bridge = fixture.start(broker.uri());
        fixture.awaitConnected();
        subscriber = new CloudSubscriber(broker.uri(), fixture.topics.all());
        assertThat(bridge.brokerMaxPacket()).as("from CONNACK").isEqualTo(4096);

        assertThatThrownBy(() -> bridge.publishTelemetry(TestPayloads.telemetry(telemetry(1, 8192))).toCompletableFuture().get(5, TimeUnit.SECONDS))
                .hasMessageContaining("larger than the broker's maximum packet size");
        assertThat(fixture.counters.get("dropped.TELEMETRY.TOO_LARGE")).isEqualTo(1);
        publishTelemetry(bridge, 2, TELEMETRY);

        awaitTelemetryDelivered(bridge, TELEMETRY);
        assertThat(fixture.counters.get("connect.lost")).as("link losses").isZero();
    }
}
