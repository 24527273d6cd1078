package dev.hearth.core.cloud.command;

import dev.hearth.core.cloud.CloudCounters;
import dev.hearth.core.cloud.MessageKind;
import dev.hearth.core.cloud.OutboundMessage;
import dev.hearth.core.cloud.mqtt.InboundCommand;
import dev.hearth.core.cloud.outbox.Outbox;
import dev.hearth.core.logging.LogSafe;
import dev.hearth.driver.api.DeviceCommand;
import dev.hearth.driver.api.Scheduler;
import dev.hearth.protocols.cloud.v1.CommandBody;
import dev.hearth.protocols.cloud.v1.CommandReply;
import dev.hearth.protocols.cloud.v1.CommandReply.Status;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The down path: a command from the commands topic goes through the {@link CommandGate}, then to
 * {@link DeviceCommands} (set_properties, invoke_action) or {@link HomeOperations} (the rest), and
 * the {@link CommandReply} goes, through the outbox (never dropped for the bound), to the request's
 * response topic with its correlation data. A command without a usable response topic is carried
 * out if valid, and only counted if refused.
 *
 * <p>The gate, and with it the permission check, runs when the worker takes a command, right before
 * it is carried out, never when it arrives: a share revoked or expired while a command waits in the
 * queue refuses that command.
 */
public final class CommandService implements Consumer<InboundCommand>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CommandService.class);
    private static final int MAX_RESPONSE_TOPIC = 512;

    private final CommandGate gate;
    private final DeviceCommands devices;
    private final HomeOperations home;
    private final Outbox outbox;
    private final Scheduler scheduler;
    private final Duration deviceTimeout;
    private final CloudCounters counters;
    private final ThreadPoolExecutor worker;

    public CommandService(CommandGate gate, DeviceCommands devices, HomeOperations home, Outbox outbox,
            Scheduler scheduler, Duration deviceTimeout, CloudCounters counters) {
        this.gate = gate;
        this.devices = devices;
        this.home = home;
        this.outbox = outbox;
        this.scheduler = scheduler;
        this.deviceTimeout = deviceTimeout;
        this.counters = counters;
        // A bounded queue: a command flood is answered BUSY instead of growing memory.
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1024), r -> {
            Thread t = new Thread(r, "hearth-cloud-commands");
            t.setDaemon(true);
            return t;
        });
    }

    /** Called on Paho's thread: hands the command to the worker and returns at once. */
    @Override
    public void accept(InboundCommand command) {
        try {
            worker.execute(() -> handle(command));
        } catch (RejectedExecutionException e) {
            reply(command, CommandReplies.of("", Status.BUSY, "queue_full", "too many commands waiting"));
        }
    }

    private void handle(InboundCommand command) {
        try {
            GateResult verdict = gate.check(command.payload());
            if (verdict instanceof GateResult.Refused r) {
                // the message names the user (it is for their reply); the log line names none
                log.info("command refused: {} {} (request {})", r.status(), r.reasonCode(), LogSafe.of(r.requestId()));
                reply(command, CommandReplies.refused(r));
                return;
            }
            VerifiedCommand v = ((GateResult.Accepted) verdict).command();
            execute(v).whenComplete((reply, error) -> reply(command, error == null ? reply
                    : CommandReplies.fromException(v.requestId(), error)));
        } catch (RuntimeException e) {
            // A bug must not take the command path down: answer INTERNAL and go on.
            log.error("command handling failed", e);
            reply(command, CommandReplies.of("", Status.INTERNAL, "internal", "the gateway failed to handle the command"));
        }
    }

    private CompletionStage<CommandReply> execute(VerifiedCommand v) {
        CommandBody body = v.body();
        String rid = v.requestId();
        DeviceCommand dc;
        try {
            switch (body.getOperationCase()) {
                case SET_PROPERTIES -> dc = new DeviceCommand.SetProperties(ProtoValues.properties(body.getSetProperties().getValuesList()));
                case INVOKE_ACTION -> {
                    String action = body.getInvokeAction().getAction();
                    if (!action.matches("\\d{1,5}\\.\\d{1,5}")) throw new IllegalArgumentException("action must be \"siid.aiid\", not \"" + action + "\"");
                    dc = new DeviceCommand.InvokeAction(action, ProtoValues.fromProto(body.getInvokeAction().getArgsList()));
                }
                case OPERATION_NOT_SET -> {
                    return done(CommandReplies.of(rid, Status.MALFORMED, "no_operation", "the command has no operation"));
                }
                default -> {
                    return home.handle(v).thenApply(r -> r.toBuilder().setSchemaVersion(1).setRequestId(rid).build());
                }
            }
        } catch (IllegalArgumentException e) {
            return done(CommandReplies.of(rid, Status.INVALID_ARGUMENT, "invalid_argument", e.getMessage()));
        }
        if (body.getDevice().isEmpty()) return done(CommandReplies.of(rid, Status.UNKNOWN_DEVICE, "no_device", "the command names no device"));
        var reply = new CompletableFuture<CommandReply>();
        Scheduler.Cancellable timer = scheduler.schedule(deviceTimeout, () -> reply.complete(CommandReplies.of(rid,
                Status.DEVICE_TIMEOUT, "device_timeout", "no answer from " + body.getDevice() + " in " + deviceTimeout.toMillis() + " ms")));
        CompletionStage<DeviceCommandResult> stage;
        try {
            stage = devices.execute(body.getDevice(), dc);
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((result, error) -> {
            timer.cancel();
            reply.complete(error == null ? CommandReplies.fromResult(rid, result) : CommandReplies.fromException(rid, error));
        });
        return reply;
    }

    private static CompletionStage<CommandReply> done(CommandReply r) {
        return CompletableFuture.completedFuture(r);
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

    @Override
    public void close() {
        worker.shutdown();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
