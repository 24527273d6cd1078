package dev.hearth.core.cloud.mqtt;

import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** Paho's callbacks for one connection (one generation of the link), hopping onto the link thread. */
final class LinkCallback implements MqttCallback {
    interface LossHandler {
        void lost(int generation, Throwable cause);
    }

    private final int generation;
    private final String commandsTopic;
    private final Executor linkThread;
    private final Consumer<InboundCommand> commands;
    private final LossHandler loss;

    LinkCallback(int generation, String commandsTopic, Executor linkThread, Consumer<InboundCommand> commands, LossHandler loss) {
        this.generation = generation;
        this.commandsTopic = commandsTopic;
        this.linkThread = linkThread;
        this.commands = commands;
        this.loss = loss;
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        Throwable cause = response.getException() != null ? response.getException()
                : new IllegalStateException("the broker disconnected: reason " + response.getReturnCode()
                        + (response.getReasonString() == null ? "" : " " + response.getReasonString()));
        linkThread.execute(() -> loss.lost(generation, cause));
    }

    @Override
    public void mqttErrorOccurred(MqttException e) {
        linkThread.execute(() -> loss.lost(generation, e));
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        if (!commandsTopic.equals(topic)) return;
        MqttProperties p = message.getProperties();
        Optional<String> responseTopic = p == null ? Optional.empty() : Optional.ofNullable(p.getResponseTopic());
        Optional<byte[]> correlation = p == null ? Optional.empty() : Optional.ofNullable(p.getCorrelationData());
        commands.accept(new InboundCommand(message.getPayload(), responseTopic, correlation));
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        // Each publish has its own listener, which confirms its outbox entry.
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        // The connect token's listener does the work: it has the CONNACK's Receive Maximum.
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        // No enhanced authentication.
    }
}
