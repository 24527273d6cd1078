package dev.hearth.tools.ctl;

import dev.hearth.core.cloud.mqtt.TlsSocketFactories;
import java.security.SecureRandom;
import java.util.HexFormat;
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

/** A read-only cloud-side MQTT session for ctl: subscribe and hand every message to a consumer. */
final class CloudSession implements AutoCloseable {
    private final MqttAsyncClient client;

    CloudSession(CtlOptions o, String filter, BiConsumer<String, MqttMessage> messages) throws MqttException {
        byte[] id = new byte[6];
        new SecureRandom().nextBytes(id);
        client = new MqttAsyncClient(o.broker.toString(), "hearth-ctl-" + HexFormat.of().formatHex(id), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override public void messageArrived(String topic, MqttMessage m) { messages.accept(topic, m); }
            @Override public void disconnected(MqttDisconnectResponse r) { }
            @Override public void mqttErrorOccurred(MqttException e) { }
            @Override public void deliveryComplete(IMqttToken t) { }
            @Override public void connectComplete(boolean reconnect, String uri) { }
            @Override public void authPacketArrived(int code, MqttProperties p) { }
        });
        var opts = new MqttConnectionOptions();
        opts.setCleanStart(true);
        opts.setConnectionTimeout((int) Math.max(1, o.timeout.getSeconds()));
        o.tls().ifPresent(t -> opts.setSocketFactory(TlsSocketFactories.create(t)));
        client.connect(opts).waitForCompletion(o.timeout.toMillis());
        client.subscribe(filter, 1).waitForCompletion(o.timeout.toMillis());
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
}
