package dev.hearth.driver.nativeproto;

import dev.hearth.driver.api.CommandFailure;
import dev.hearth.driver.api.CommandOutcome;
import dev.hearth.driver.api.Scheduler;
import dev.hearth.protocols.lan.LanValues;
import dev.hearth.protocols.lan.v1.CommandResult;
import dev.hearth.protocols.lan.v1.ItemResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Commands sent to one device and not yet answered, by id. Each has a timer that fails it with
 * DEVICE_TIMEOUT. Confined to the session's event loop: every method is called there, and timers
 * hop back there through {@code loop}.
 */
final class PendingCommands {
    private record Pending(CompletableFuture<CommandOutcome> result, Scheduler.Cancellable timer) {
    }

    /** Decides, when a command times out, how it failed: the session may know more than "no answer". */
    @FunctionalInterface
    interface TimeoutCause {
        CommandFailure failure(long id, Duration timeout);
    }

    static final TimeoutCause NO_RESULT = (id, timeout) ->
            new CommandFailure(CommandFailure.Code.DEVICE_TIMEOUT, "no result within " + timeout.toMillis() + " ms");

    private final int capacity;
    private final Scheduler scheduler;
    private final Executor loop;
    private final Map<Long, Pending> pending = new HashMap<>();
    private long lastId;

    PendingCommands(int capacity, Scheduler scheduler, Executor loop) {
        this.capacity = capacity;
        this.scheduler = scheduler;
        this.loop = loop;
    }

    boolean full() {
        return pending.size() >= capacity;
    }

    int size() {
        return pending.size();
    }

    /** Tracks a new command and returns its id; the caller checked {@link #full()}. */
    long register(CompletableFuture<CommandOutcome> result, Duration timeout) {
        return register(result, timeout, NO_RESULT);
    }

    /** As {@link #register(CompletableFuture, Duration)}, with {@code cause} deciding the failure at the timeout. */
    long register(CompletableFuture<CommandOutcome> result, Duration timeout, TimeoutCause cause) {
        long id = ++lastId;
        Scheduler.Cancellable timer = scheduler.schedule(timeout, () -> loop.execute(() -> {
            // removed before the cause is asked, so a cause that closes the link does not fail it twice
            Pending p = pending.remove(id);
            if (p != null) p.result().completeExceptionally(cause.failure(id, timeout));
        }));
        pending.put(id, new Pending(result, timer));
        return id;
    }

    /** Completes the command {@code result} answers; a result for an unknown id is ignored and reported false. */
    boolean complete(CommandResult result) {
        Pending p = pending.remove(result.getId());
        if (p == null) return false;
        p.timer().cancel();
        List<CommandOutcome.Item> items = new ArrayList<>();
        for (ItemResult item : result.getItemsList()) {
            items.add(new CommandOutcome.Item(item.getSiid() + "." + item.getIid(), item.getCode(), item.getMessage(),
                    item.hasValue() ? LanValues.fromLan(item.getValue()) : java.util.Optional.empty()));
        }
        p.result().complete(new CommandOutcome(items));
        return true;
    }

    void fail(long id, CommandFailure failure) {
        Pending p = pending.remove(id);
        if (p == null) return;
        p.timer().cancel();
        p.result().completeExceptionally(failure);
    }

    void failAll(CommandFailure failure) {
        List<Long> ids = new ArrayList<>(pending.keySet());
        ids.forEach(id -> fail(id, failure));
    }
}
