package dev.hearth.core.cloud.command;

import dev.hearth.core.cloud.CloudCounters;
import dev.hearth.core.cloud.MessageKind;
import dev.hearth.core.cloud.OutboundMessage;
import dev.hearth.core.cloud.mqtt.InboundCommand;
import dev.hearth.core.cloud.outbox.Outbox;
import dev.hearth.protocols.cloud.v1.CommandReply;
import dev.hearth.protocols.cloud.v1.CommandReply.Status;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The down path from the commands topic: a command is verified by the {@link CommandGate} and then
 * takes the common path of every command, the {@link CommandExecutor} (authorization, audit,
 * execution, metrics); the {@link CommandReply} goes, through the outbox (never dropped for the
 * bound), to the request's response topic with its correlation data. A command without a usable
 * response topic is carried out if valid, and only counted if refused.
 */
public final class CommandService implements Consumer<InboundCommand> {
    private static final int MAX_RESPONSE_TOPIC = 512;

    private final CommandGate gate;
    private final CommandExecutor executor;
    private final Outbox outbox;
    private final CloudCounters counters;

    public CommandService(CommandGate gate, CommandExecutor executor, Outbox outbox, CloudCounters counters) {
        this.gate = Objects.requireNonNull(gate, "gate");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    /** Called on Paho's thread: hands the command to the executor's worker and returns at once. */
    @Override
    public void accept(InboundCommand command) {
        executor.submit(VerifiedCommand.Origin.CLOUD, () -> gate.check(command.payload()))
                .thenAccept(reply -> reply(command, reply));
    }

    private void reply(InboundCommand command, CommandReply reply) {
        Optional<String> topic = command.responseTopic().filter(CommandService::usableResponseTopic);
        if (topic.isEmpty()) {
            if (reply.getStatus() == Status.OK) counters.commandAnswered(Status.OK);
            else counters.commandUnanswerable(reply.getStatus());
            return;
        }
        counters.commandAnswered(reply.getStatus());
        outbox.enqueue(new OutboundMessage(MessageKind.REPLY, topic.get(), reply.toByteArray(), command.correlationData()));
    }

    private static boolean usableResponseTopic(String t) {
        return !t.isEmpty() && t.length() <= MAX_RESPONSE_TOPIC && t.indexOf('+') < 0 && t.indexOf('#') < 0 && t.indexOf('\0') < 0;
    }
}
