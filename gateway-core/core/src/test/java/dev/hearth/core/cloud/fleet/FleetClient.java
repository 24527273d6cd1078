package dev.hearth.core.cloud.fleet;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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

/**
 * A plain Paho v5 client with a fleet user's credentials: the cloud service, or a gateway's
 * credentials in hands that try other homes' topics. Reports the broker's reason codes as they come.
 */
final class FleetClient implements AutoCloseable {
    record Received(String topic, byte[] payload, boolean retained, MqttProperties properties) { }

    private final MqttAsyncClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    FleetClient(URI broker, String user, String password) throws MqttException {
        client = new MqttAsyncClient(broker.toString(), "fleet-" + user + "-" + System.nanoTime(), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override public void messageArrived(String topic, MqttMessage m) {
                received.add(new Received(topic, m.getPayload(), m.isRetained(), m.getProperties()));
            }
            @Override public void disconnected(MqttDisconnectResponse r) { }
            @Override public void mqttErrorOccurred(MqttException e) { }
            @Override public void deliveryComplete(IMqttToken t) { }
            @Override public void connectComplete(boolean reconnect, String uri) { }
            @Override public void authPacketArrived(int code, MqttProperties p) { }
        });
        var o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setUserName(user);
        o.setPassword(password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        o.setConnectionTimeout(10);
        o.setTopicAliasMaximum(0);
        client.connect(o).waitForCompletion(10_000);
    }

    /** The SUBACK's reason code (0-2 granted QoS; 0x80 and above refused). */
    int subscribe(String filter) throws MqttException {
        IMqttToken t = client.subscribe(filter, 1);
        t.waitForCompletion(10_000);
        int[] codes = t.getReasonCodes();
        return codes == null || codes.length == 0 ? -1 : codes[0];
    }

    /** Publishes at QoS 1 and returns the PUBACK's reason code (Paho does not throw on a refusal). */
    int publish(String topic, byte[] payload, boolean retained) throws MqttException {
        return publish(topic, payload, retained, new MqttProperties());
    }

    int publish(String topic, byte[] payload, boolean retained, MqttProperties props) throws MqttException {
        IMqttToken t = client.publish(topic, new MqttMessage(payload, 1, retained, props));
        t.waitForCompletion(10_000);
        int[] codes = t.getReasonCodes();
        return codes == null || codes.length == 0 ? 0 : codes[0];
    }

    /**
     * Publishes once on a connection of its own and returns the PUBACK's reason code: Paho 1.2.5
     * drops its connection after a refused PUBACK, so a refusal must not share a client with
     * what the test does next.
     */
    static int publishOnce(URI broker, String user, String password, String topic, byte[] payload, boolean retained) throws MqttException {
        try (var c = new FleetClient(broker, user, password)) {
            return c.publish(topic, payload, retained);
        }
    }

    CompletableFuture<Integer> publishAsync(String topic, byte[] payload, MqttProperties props) throws MqttException {
        var f = new CompletableFuture<Integer>();
        client.publish(topic, new MqttMessage(payload, 1, false, props), null, new org.eclipse.paho.mqttv5.client.MqttActionListener() {
            @Override public void onSuccess(IMqttToken t) {
                int[] codes = t.getReasonCodes();
                f.complete(codes == null || codes.length == 0 ? 0 : codes[0]);
            }
            @Override public void onFailure(IMqttToken t, Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    boolean connected() {
        return client.isConnected();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> matching(Predicate<Received> p) {
        return received.stream().filter(p).toList();
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) client.disconnect().waitForCompletion(2000);
        } catch (MqttException e) {
            // the broker may be gone already
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            // nothing left to release
        }
    }
}
