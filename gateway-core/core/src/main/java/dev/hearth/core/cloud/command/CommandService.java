package dev.hearth.core.cloud.command;

import dev.hearth.core.cloud.CloudCounters;
import dev.hearth.core.cloud.MessageKind;
import dev.hearth.core.cloud.OutboundMessage;
import dev.hearth.core.cloud.mqtt.InboundCommand;
import dev.hearth.core.cloud.outbox.Outbox;
import dev.hearth.core.privacy.ReplyFilter;
import dev.hearth.protocols.cloud.v1.CommandBody;
import dev.hearth.protocols.cloud.v1.CommandReply;
import dev.hearth.protocols.cloud.v1.CommandReply.Status;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The down path from the commands topic: a command is verified by the {@link CommandGate} and then
 * takes the common path of every command, the {@link CommandExecutor} (authorization, audit,
 * execution, metrics); the {@link CommandReply} goes through the {@link ReplyFilter} and the outbox
 * (never dropped for the bound) to the request's response topic with its correlation data. A
 * command without a usable response topic is carried out if valid, and only counted if refused.
 */
public final class CommandService implements Consumer<InboundCommand> {
    private static final int MAX_RESPONSE_TOPIC = 512;

    private final CommandGate gate;
    private final CommandExecutor executor;
    private final Outbox outbox;
    private final ReplyFilter replies;
    private final CloudCounters counters;

    public CommandService(CommandGate gate, CommandExecutor executor, Outbox outbox, ReplyFilter replies, CloudCounters counters) {
        this.gate = Objects.requireNonNull(gate, "gate");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.replies = Objects.requireNonNull(replies, "replies");
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    /** Called on Paho's thread: hands the command to the executor's worker and returns at once. */
    @Override
    public void accept(InboundCommand command) {
        executor.submit(VerifiedCommand.Origin.CLOUD, () -> gate.check(command.payload()))
                .thenAccept(outcome -> reply(command, outcome.command().map(VerifiedCommand::user),
                        outcome.command().map(v -> bound(command, v, outcome.reply())).orElse(outcome.reply())));
    }

    /**
     * A reply that carries a user's data goes only to the response topic the signed body names:
     * a relay that rewrote the MQTT response topic gets a refusal without the data.
     */
    private static CommandReply bound(InboundCommand command, VerifiedCommand v, CommandReply reply) {
        if (v.body().getOperationCase() != CommandBody.OperationCase.EXPORT_USER_DATA || reply.getData().isEmpty()) return reply;
        String signed = v.body().getReplyTopic();
        if (!signed.isEmpty() && command.responseTopic().filter(signed::equals).isPresent()) return reply;
        return CommandReplies.of(v.requestId(), Status.FORBIDDEN, "reply_topic_unbound",
                "an export goes only to the reply topic named in the signed command");
    }

    private void reply(InboundCommand command, Optional<String> requester, CommandReply reply) {
        Optional<String> topic = command.responseTopic().filter(CommandService::usableResponseTopic);
        if (topic.isEmpty()) {
            if (reply.getStatus() == Status.OK) counters.commandAnswered(Status.OK);
            else counters.commandUnanswerable(reply.getStatus());
            return;
        }
        counters.commandAnswered(reply.getStatus());
        byte[] payload = replies.filter(reply, requester).message().toByteArray();
        outbox.enqueue(new OutboundMessage(MessageKind.REPLY, topic.get(), payload, command.correlationData()));
    }

    private static boolean usableResponseTopic(String t) {
        return !t.isEmpty() && t.length() <= MAX_RESPONSE_TOPIC && t.indexOf('+') < 0 && t.indexOf('#') < 0 && t.indexOf('\0') < 0;
    }
}
