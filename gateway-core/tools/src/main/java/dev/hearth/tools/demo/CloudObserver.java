package dev.hearth.tools.demo;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.hearth.core.cloud.CloudTopics;
import dev.hearth.core.cloud.mqtt.SetupRetry;
import dev.hearth.protocols.cloud.v1.DeviceEventRecord;
import dev.hearth.protocols.cloud.v1.DeviceState;
import dev.hearth.protocols.cloud.v1.Telemetry;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
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
 * The cloud's side of the demo: a plain MQTT 5 subscriber on the gateway's topics that keeps what
 * actually arrived (each device's latest state, telemetry events), so the story can show what
 * left the home and what did not.
 */
public final class CloudObserver implements AutoCloseable {
    /** An event as the cloud received it. */
    public record ReceivedEvent(String device, DeviceEventRecord event) {
    }

    private final MqttAsyncClient client;
    private final String devicesPrefix;
    private final Map<String, DeviceState> states = new ConcurrentHashMap<>();
    private final List<ReceivedEvent> events = new CopyOnWriteArrayList<>();
    private final AtomicLong messages = new AtomicLong();

    private CloudObserver(MqttAsyncClient client, CloudTopics topics) {
        this.client = client;
        this.devicesPrefix = topics.root() + "/devices/";
    }

    /** Connects to {@code broker} and subscribes to everything under {@code topics}. */
    public static CloudObserver connect(URI broker, CloudTopics topics, Duration timeout) throws MqttException {
        return SetupRetry.onLostConnection(() -> connectOnce(broker, topics, timeout));
    }

    private static CloudObserver connectOnce(URI broker, CloudTopics topics, Duration timeout) throws MqttException {
        byte[] id = new byte[6];
        new SecureRandom().nextBytes(id);
        var client = new MqttAsyncClient(broker.toString(), "hearth-demo-cloud-" + HexFormat.of().formatHex(id), new MemoryPersistence());
        var self = new CloudObserver(client, topics);
        client.setCallback(self.new Messages());
        var o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setConnectionTimeout((int) Math.max(1, timeout.toSeconds()));
        try {
            client.connect(o).waitForCompletion(timeout.toMillis());
            client.subscribe(topics.all(), 1).waitForCompletion(timeout.toMillis());
        } catch (MqttException e) {
            self.close();
            throw e;
        }
        return self;
    }

    /** The latest state the cloud received for {@code device}. */
    public Optional<DeviceState> state(String device) {
        return Optional.ofNullable(states.get(device));
    }

    /** Events the cloud received from {@code device}, oldest first. */
    public List<DeviceEventRecord> events(String device) {
        return events.stream().filter(e -> e.device().equals(device)).map(ReceivedEvent::event).toList();
    }

    /** How many messages arrived in all. */
    public long messages() {
        return messages.get();
    }

    void received(String topic, byte[] payload) {
        messages.incrementAndGet();
        if (!topic.startsWith(devicesPrefix)) return;
        String rest = topic.substring(devicesPrefix.length());
        int slash = rest.indexOf('/');
        if (slash < 0) return;
        String device = rest.substring(0, slash);
        try {
            switch (rest.substring(slash + 1)) {
                case "state" -> states.put(device, DeviceState.parseFrom(payload));
                case "telemetry" -> {
                    Telemetry t = Telemetry.parseFrom(payload);
                    if (t.hasEvent()) events.add(new ReceivedEvent(device, t.getEvent()));
                }
                default -> { }
            }
        } catch (InvalidProtocolBufferException e) {
            // not ours to judge here: the story shows only what decodes
        }
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) client.disconnect().waitForCompletion(2000);
            client.close(true);
        } catch (MqttException e) {
            // closing anyway
        }
    }

    private final class Messages implements MqttCallback {
        @Override public void messageArrived(String topic, MqttMessage m) { received(topic, m.getPayload()); }
        @Override public void disconnected(MqttDisconnectResponse r) { }
        @Override public void mqttErrorOccurred(MqttException e) { }
        @Override public void deliveryComplete(IMqttToken t) { }
        @Override public void connectComplete(boolean reconnect, String uri) { }
        @Override public void authPacketArrived(int code, MqttProperties p) { }
    }
}
