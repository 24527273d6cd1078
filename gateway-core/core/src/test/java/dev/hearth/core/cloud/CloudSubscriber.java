package dev.hearth.core.cloud;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/** A cloud-side test subscriber (Paho v5) that records everything it receives. */
public final class CloudSubscriber implements AutoCloseable {
    /** One received message with the MQTT 5 properties tests look at. */
    public record Received(String topic, byte[] payload, boolean retained, Optional<String> contentType, List<UserProperty> userProperties) { }

    private final MqttAsyncClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public CloudSubscriber(URI broker, String filter) throws MqttException {
        client = new MqttAsyncClient(broker.toString(), "test-sub-" + System.nanoTime(), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage m) {
                MqttProperties p = m.getProperties();
                received.add(new Received(topic, m.getPayload(), m.isRetained(),
                        Optional.ofNullable(p == null ? null : p.getContentType()),
                        p == null || p.getUserProperties() == null ? List.of() : List.copyOf(p.getUserProperties())));
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

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> matching(Predicate<Received> p) {
        return received.stream().filter(p).toList();
    }

    /** Topics received so far, for failure messages. */
    public String describe() {
        return received.size() + " received: " + received.stream().map(Received::topic).limit(50).toList();
    }

    public void clear() {
        received.clear();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) client.disconnect().waitForCompletion(2000);
        client.close(true);
    }
}
