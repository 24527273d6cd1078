package dev.hearth.core.privacy.rights;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
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

/** A Paho MQTT 5 subscriber (QoS 1) keeping every message's topic and bytes, cheap to append to under load. */
final class WireSubscriber implements AutoCloseable {
    record Message(String topic, byte[] payload) {
        boolean telemetry() {
            return topic.endsWith("/telemetry");
        }
    }

    private final MqttAsyncClient client;
    private final Queue<Message> received = new ConcurrentLinkedQueue<>();
    private final AtomicLong telemetry = new AtomicLong();

    WireSubscriber(URI broker, String filter) throws MqttException {
        client = new MqttAsyncClient(broker.toString(), "wire-sub-" + System.nanoTime(), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage m) {
                Message msg = new Message(topic, m.getPayload());
                received.add(msg);
                if (msg.telemetry()) telemetry.incrementAndGet();
            }

            @Override public void disconnected(MqttDisconnectResponse r) { }
            @Override public void mqttErrorOccurred(MqttException e) { }
            @Override public void deliveryComplete(IMqttToken t) { }
            @Override public void connectComplete(boolean reconnect, String uri) { }
            @Override public void authPacketArrived(int code, MqttProperties p) { }
        });
        var o = new MqttConnectionOptions();
        o.setCleanStart(true);
        client.connect(o).waitForCompletion(10_000);
        client.subscribe(filter, 1).waitForCompletion(10_000);
    }

    /** Telemetry messages received since start. */
    long telemetryCount() {
        return telemetry.get();
    }

    /** Takes every message received so far. */
    List<Message> drain() {
        List<Message> out = new ArrayList<>();
        for (Message m = received.poll(); m != null; m = received.poll()) out.add(m);
        return out;
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) client.disconnect().waitForCompletion(2000);
        client.close(true);
    }
}
