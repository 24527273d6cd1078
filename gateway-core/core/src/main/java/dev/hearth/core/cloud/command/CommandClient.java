package dev.hearth.core.cloud.command;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.hearth.core.cloud.CloudTopics;
import dev.hearth.core.cloud.TlsSettings;
import dev.hearth.core.cloud.mqtt.NoDelaySockets;
import dev.hearth.core.cloud.mqtt.SetupRetry;
import dev.hearth.core.cloud.mqtt.TlsSocketFactories;
import dev.hearth.protocols.cloud.v1.CommandReply;
import dev.hearth.protocols.cloud.v1.SignedCommand;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The cloud side of request/response: publishes a signed command to a gateway's commands topic
 * with an MQTT 5 response topic (its own) and fresh correlation data, and completes the returned
 * future with the CommandReply that comes back with the same correlation data.
 */
public final class CommandClient implements AutoCloseable {
    private final MqttAsyncClient client;
    private final CloudTopics topics;
    private final String responseTopic;
    private final SecureRandom random = new SecureRandom();
    private final Map<ByteBuffer, CompletableFuture<CommandReply>> pending = new ConcurrentHashMap<>();

    private CommandClient(MqttAsyncClient client, CloudTopics topics, String responseTopic) {
        this.client = client;
        this.topics = topics;
        this.responseTopic = responseTopic;
    }

    public static CommandClient connect(URI broker, Optional<TlsSettings> tls, CloudTopics topics, Duration timeout) throws MqttException {
        return SetupRetry.onLostConnection(() -> connectOnce(broker, tls, topics, timeout));
    }

    private static CommandClient connectOnce(URI broker, Optional<TlsSettings> tls, CloudTopics topics, Duration timeout) throws MqttException {
        byte[] id = new byte[6];
        new SecureRandom().nextBytes(id);
        String clientId = "hearth-ctl-" + HexFormat.of().formatHex(id);
        var client = new MqttAsyncClient(broker.toString(), clientId, new MemoryPersistence());
        var self = new CommandClient(client, topics, replyTopic(topics, clientId));
        client.setCallback(self.new Replies());
        var o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setConnectionTimeout((int) Math.max(1, timeout.getSeconds()));
        // Nagle off: a command is a small write; with Nagle on, back-to-back commands wait ~40 ms for a delayed ACK.
        o.setSocketFactory(tls.<SocketFactory>map(t -> NoDelaySockets.tls(TlsSocketFactories.create(t)))
                .orElseGet(NoDelaySockets::plain));
        try {
            client.connect(o).waitForCompletion(timeout.toMillis());
            client.subscribe(self.responseTopic, 1).waitForCompletion(timeout.toMillis());
        } catch (MqttException e) {
            self.close();
            throw e;
        }
        return self;
    }

    /** Under the home's replies subtree, where a gateway with the default {@code cloud.replyTopics} answers. */
    private static String replyTopic(CloudTopics topics, String clientId) {
        return topics.prefix() + "/" + topics.home() + "/replies/" + clientId;
    }

    /** Sends {@code command}; the future completes with the reply (callers put their own timeout on it). */
    public CompletableFuture<CommandReply> send(SignedCommand command) throws MqttException {
        return sendRaw(command.toByteArray(), true);
    }

    /** Sends arbitrary bytes as a command (for tests of bad input), with or without a response topic. */
    public CompletableFuture<CommandReply> sendRaw(byte[] payload, boolean withResponseTopic) throws MqttException {
        byte[] correlation = new byte[16];
        random.nextBytes(correlation);
        var future = new CompletableFuture<CommandReply>();
        var props = new MqttProperties();
        if (withResponseTopic) {
            props.setResponseTopic(responseTopic);
            props.setCorrelationData(correlation);
            pending.put(ByteBuffer.wrap(correlation), future);
        }
        client.publish(topics.commands(), new MqttMessage(payload, 1, false, props));
        future.whenComplete((r, e) -> pending.remove(ByteBuffer.wrap(correlation)));
        return future;
    }

    public String responseTopic() {
        return responseTopic;
    }

    @Override
    public void close() {
        pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException("client closed")));
        try {
            if (client.isConnected()) client.disconnect().waitForCompletion(2000);
            client.close(true);
        } catch (MqttException e) {
            // closing anyway
        }
    }

    private final class Replies implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            MqttProperties p = message.getProperties();
            if (p == null || p.getCorrelationData() == null) return;
            CompletableFuture<CommandReply> f = pending.get(ByteBuffer.wrap(p.getCorrelationData()));
            if (f == null) return;
            try {
                f.complete(CommandReply.parseFrom(message.getPayload()));
            } catch (InvalidProtocolBufferException e) {
                f.completeExceptionally(new IllegalStateException("the reply is not a CommandReply: " + e.getMessage(), e));
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse r) {
            pending.values().forEach(f -> f.completeExceptionally(new IllegalStateException("disconnected from the broker: " + r)));
        }

        @Override public void mqttErrorOccurred(MqttException e) { }
        @Override public void deliveryComplete(IMqttToken token) { }
        @Override public void connectComplete(boolean reconnect, String serverUri) { }
        @Override public void authPacketArrived(int reasonCode, MqttProperties properties) { }
    }
}
