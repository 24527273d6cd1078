package dev.hearth.bench.cloud;

import dev.hearth.core.cloud.mqtt.NoDelaySockets;
import java.util.function.BiConsumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** Plain Paho v5 clients for the benchmarks (TCP_NODELAY, clean start). */
final class BenchClients {
    private BenchClients() {
    }

    static MqttAsyncClient connect(String uri, String id, BiConsumer<String, MqttMessage> onMessage) throws MqttException {
        var c = new MqttAsyncClient(uri, id, new MemoryPersistence());
        c.setCallback(new MqttCallback() {
            @Override public void messageArrived(String topic, MqttMessage m) { onMessage.accept(topic, m); }
            @Override public void disconnected(MqttDisconnectResponse r) { }
            @Override public void mqttErrorOccurred(MqttException e) { }
            @Override public void deliveryComplete(IMqttToken t) { }
            @Override public void connectComplete(boolean reconnect, String u) { }
            @Override public void authPacketArrived(int code, MqttProperties p) { }
        });
        var o = new MqttConnectionOptions();
        o.setCleanStart(true);
        // Nagle off, as the gateway's bridge and CommandClient do: otherwise small QoS 1 round trips stall on delayed ACKs
        o.setSocketFactory(NoDelaySockets.plain());
        c.connect(o).waitForCompletion(10_000);
        return c;
    }

    static void close(MqttAsyncClient c) {
        try {
            c.disconnect().waitForCompletion(2000);
            c.close(true);
        } catch (MqttException e) {
            // closing anyway
        }
    }

    static long percentile(long[] sortedNanos, double p) {
        int i = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, i))];
    }
}
