package dev.hearth.core.cloud.mqtt;

import dev.hearth.core.cloud.CloudCounters;
import dev.hearth.core.cloud.ReplyTopics;
import dev.hearth.core.logging.ratelimit.RateLimitedLog;
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
    private final ReplyTopics replyTopics;
    private final CloudCounters counters;
    private final RateLimitedLog refusals;

    LinkCallback(int generation, String commandsTopic, Executor linkThread, Consumer<InboundCommand> commands, LossHandler loss,
            ReplyTopics replyTopics, CloudCounters counters, RateLimitedLog refusals) {
        this.generation = generation;
        this.commandsTopic = commandsTopic;
        this.linkThread = linkThread;
        this.commands = commands;
        this.loss = loss;
        this.replyTopics = replyTopics;
        this.counters = counters;
        this.refusals = refusals;
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        Throwable cause = response.getException() != null ? response.getException()
                : new BrokerDisconnect(response.getReturnCode(), response.getReasonString());
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
        // A reply to a topic the broker refuses would come back on every connection (Paho drops the
        // link on a refused PUBACK): such a command is dropped here, unanswered and never carried out.
        Optional<String> problem = responseTopic.flatMap(replyTopics::problem);
        if (problem.isPresent()) {
            counters.commandDropped("bad_response_topic");
            refusals.warn("command dropped unanswered: its response topic " + RateLimitedLog.quoted(responseTopic.get())
                    + " is not acceptable (" + problem.get() + ")");
            return;
        }
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
