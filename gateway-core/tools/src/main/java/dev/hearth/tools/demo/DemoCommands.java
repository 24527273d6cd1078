package dev.hearth.tools.demo;

import dev.hearth.core.cloud.CloudTopics;
import dev.hearth.core.cloud.command.CommandClient;
import dev.hearth.protocols.cloud.CommandSigner;
import dev.hearth.core.cloud.command.ProtoValues;
import dev.hearth.driver.api.value.Value;
import dev.hearth.protocols.cloud.v1.CommandBody;
import dev.hearth.protocols.cloud.v1.CommandReply;
import dev.hearth.protocols.cloud.v1.InvokeActionOp;
import dev.hearth.protocols.cloud.v1.Property;
import dev.hearth.protocols.cloud.v1.SetPropertiesOp;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * The cloud sending signed commands, as {@code hearth ctl} does: the owner (allowed), the guest in
 * the shared room (allowed) and outside it (forbidden), each reply told as it came back.
 */
final class DemoCommands {
    private static final Duration REPLY_WAIT = Duration.ofSeconds(10);

    private final Narrator story;
    private final DemoDevices devices;
    private final CommandSigner signer;

    DemoCommands(Narrator story, DemoDevices devices, CommandSigner signer) {
        this.story = story;
        this.devices = devices;
        this.signer = signer;
    }

    /** Sends the four commands; true when each got the reply the story expects. */
    boolean run(URI broker, CloudTopics topics) throws MqttException, InterruptedException {
        try (CommandClient client = CommandClient.connect(broker, Optional.empty(), topics, REPLY_WAIT)) {
            boolean ok = send(client, DemoConfig.OWNER + " (owner)", "Living-room lamp", "on=true",
                    b -> b.setSetProperties(set("2.1", Value.of(true))), CommandReply.Status.OK);
            ok &= send(client, DemoConfig.GUEST + " (guest, Bedroom shared)", "Bedroom lamp", "brightness=30",
                    b -> b.setSetProperties(set("2.2", Value.of(30L))), CommandReply.Status.OK);
            ok &= send(client, DemoConfig.GUEST + " (guest, Bedroom shared)", "Living-room lamp", "on=false",
                    b -> b.setSetProperties(set("2.1", Value.of(false))), CommandReply.Status.FORBIDDEN);
            ok &= send(client, DemoConfig.OWNER + " (owner)", "Front door", "lock",
                    b -> b.setInvokeAction(InvokeActionOp.newBuilder().setAction("2.1")), CommandReply.Status.OK);
            return ok;
        }
    }

    private static SetPropertiesOp set(String key, Value value) {
        return SetPropertiesOp.newBuilder().addValues(Property.newBuilder().setKey(key).setValue(ProtoValues.toProto(value))).build();
    }

    private boolean send(CommandClient client, String who, String deviceName, String what,
                         UnaryOperator<CommandBody.Builder> operation, CommandReply.Status expected)
            throws MqttException, InterruptedException {
        String user = who.substring(0, who.indexOf(' '));
        CommandBody body = operation.apply(signer.newBody(user, DemoConfig.HOME, DemoConfig.GATEWAY, devices.idOf(deviceName))
                .setReplyTopic(client.responseTopic())).build();
        String line = String.format("%-28s %-18s %-15s -> ", who, deviceName, what);
        try {
            CommandReply reply = client.send(signer.sign(body)).get(REPLY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            String detail = reply.getStatus() == CommandReply.Status.OK || reply.getMessage().isEmpty() ? "" : ": " + reply.getMessage();
            story.detail(line + reply.getStatus() + detail);
            return reply.getStatus() == expected;
        } catch (TimeoutException e) {
            story.detail(line + "no reply within " + REPLY_WAIT.toSeconds() + " s");
            return false;
        } catch (ExecutionException e) {
            story.detail(line + "failed: " + e.getCause().getMessage());
            return false;
        }
    }
}
