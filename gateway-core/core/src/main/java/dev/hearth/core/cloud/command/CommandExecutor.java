package dev.hearth.core.cloud.command;

import dev.hearth.core.logging.LogPseudonyms;
import dev.hearth.core.logging.LogSafe;
import dev.hearth.driver.api.DeviceCommand;
import dev.hearth.driver.api.Scheduler;
import dev.hearth.protocols.cloud.v1.CommandBody;
import dev.hearth.protocols.cloud.v1.CommandReply;
import dev.hearth.protocols.cloud.v1.CommandReply.Status;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path of every command after its sender was verified, cloud ({@link CommandGate}) and
 * local API ({@link LocalCommands}) alike: the {@link Authorizer} decides (and the access policy
 * audits), then {@link DeviceCommands} (set_properties, invoke_action, with the device timeout) or
 * {@link HomeOperations} (the rest) carry it out, and {@link CommandMetrics} records the operation,
 * result and latency.
 *
 * <p>One worker thread with a bounded queue: a flood is answered BUSY instead of growing memory,
 * and verification and the permission check run when the worker takes a command, right before it
 * is carried out, never when it arrives, so a share revoked or expired while a command waits in
 * the queue refuses that command. Callers' threads (Paho, the HTTP server) only enqueue.
 */
public final class CommandExecutor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CommandExecutor.class);
    private static final String UNKNOWN_OPERATION = "unknown";

    private final Authorizer authorizer;
    private final DeviceCommands devices;
    private final HomeOperations home;
    private final Scheduler scheduler;
    private final Duration deviceTimeout;
    private final CommandMetrics metrics;
    private final LogPseudonyms users;
    private final ThreadPoolExecutor worker;

    /**
     * Every part is required: there is no default authorizer, so nothing runs unchecked by omission.
     * {@code users} names users in log lines (the audit log's pseudonyms).
     */
    public CommandExecutor(Authorizer authorizer, DeviceCommands devices, HomeOperations home, Scheduler scheduler,
            Duration deviceTimeout, CommandMetrics metrics, int queueBound, LogPseudonyms users) {
        this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
        this.devices = Objects.requireNonNull(devices, "devices");
        this.home = Objects.requireNonNull(home, "home");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.deviceTimeout = Objects.requireNonNull(deviceTimeout, "deviceTimeout");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.users = Objects.requireNonNull(users, "users");
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queueBound), r -> {
            Thread t = new Thread(r, "hearth-commands");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * What became of a command: its reply (request_id set), and the command once its sender was
     * verified (empty when verification refused it), so the reply can be filtered for its requester.
     */
    record Outcome(CommandReply reply, Optional<VerifiedCommand> command) {
        Outcome {
            Objects.requireNonNull(reply, "reply");
            Objects.requireNonNull(command, "command");
        }
    }

    /**
     * Queues a command: on the worker, {@code verification} gives the verdict, then an accepted
     * command is authorized and carried out. The stage completes with the outcome, never exceptionally.
     */
    CompletionStage<Outcome> submit(VerifiedCommand.Origin origin, Supplier<GateResult> verification) {
        long started = System.nanoTime();
        var outcome = new CompletableFuture<Outcome>();
        try {
            worker.execute(() -> run(origin, verification, started, outcome));
        } catch (RejectedExecutionException e) {
            finish(origin, UNKNOWN_OPERATION, started, CommandReplies.of("", Status.BUSY, "queue_full", "too many commands waiting"),
                    Optional.empty(), outcome);
        }
        return outcome;
    }

    private void run(VerifiedCommand.Origin origin, Supplier<GateResult> verification, long started, CompletableFuture<Outcome> reply) {
        Optional<VerifiedCommand> verified = Optional.empty();
        String operation = UNKNOWN_OPERATION;
        String rid = "";
        try {
            GateResult verdict = verification.get();
            if (verdict instanceof GateResult.Refused r) {
                // the message is for the reply (it may name the user); the log line names the user by pseudonym only
                if (r.verifiedUser().isPresent()) {
                    log.info("{} command refused: {} {} for user {} (request {})", origin, r.status(), r.reasonCode(),
                            users.of(r.verifiedUser().get()), LogSafe.of(r.requestId()));
                } else {
                    log.info("{} command refused: {} {} (request {})", origin, r.status(), r.reasonCode(), LogSafe.of(r.requestId()));
                }
                finish(origin, operation, started, CommandReplies.refused(r), verified, reply);
                return;
            }
            VerifiedCommand v = ((GateResult.Accepted) verdict).command();
            verified = Optional.of(v);
            operation = v.body().getOperationCase().name().toLowerCase(Locale.ROOT);
            rid = v.requestId();
            Authorization a = authorizer.authorize(v);
            if (a instanceof Authorization.Denied d) {
                log.info("{} command refused: FORBIDDEN {} for user {} ({} on {}, request {})", origin, d.reasonCode(), users.of(v.user()),
                        operation, LogSafe.of(v.body().getDevice()), LogSafe.of(rid));
                finish(origin, operation, started, CommandReplies.of(rid, Status.FORBIDDEN, d.reasonCode(), d.message()), verified, reply);
                return;
            }
            String op = operation;
            String id = rid;
            Optional<VerifiedCommand> command = verified;
            execute(v).whenComplete((r, error) -> finish(origin, op, started,
                    error == null ? r : CommandReplies.fromException(id, error), command, reply));
        } catch (RuntimeException e) {
            // A bug must not take the command path down: answer INTERNAL and go on.
            log.error("command handling failed", e);
            finish(origin, operation, started, CommandReplies.of(rid, Status.INTERNAL, "internal", "the gateway failed to handle the command"),
                    verified, reply);
        }
    }

    private void finish(VerifiedCommand.Origin origin, String operation, long started, CommandReply r,
            Optional<VerifiedCommand> command, CompletableFuture<Outcome> reply) {
        try {
            metrics.completed(origin, operation, r.getStatus(), r.getReasonCode(), Duration.ofNanos(System.nanoTime() - started));
        } catch (RuntimeException e) {
            log.warn("command metrics failed: {}", e.toString());
        }
        reply.complete(new Outcome(r, command));
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
                    if (!action.matches("\\d{1,5}\\.\\d{1,5}")) {
                        throw new IllegalArgumentException("action must be \"siid.aiid\", not \"" + CommandGate.printable(action) + "\"");
                    }
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
