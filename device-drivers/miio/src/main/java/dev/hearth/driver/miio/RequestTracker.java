package dev.hearth.driver.miio;

import dev.hearth.driver.api.CommandFailure;
import dev.hearth.protocols.miio.MiioRpcMessage;
import io.netty.util.collection.IntObjectHashMap;
import io.netty.util.collection.IntObjectMap;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One device's requests: ids from {@link RequestIds} (kept across restarts, wrapping, never
 * reusing one in flight; a retry jumps 100 ids ahead, as python-miio does, because devices drop
 * ids they saw recently), a bounded queue,
 * an in-flight limit and the attempts each request has left. Not thread-safe: confined to its
 * session's thread. Sending and timers are the session's job.
 */
final class RequestTracker {
    static final int MAX_ID = RequestIds.MAX_ID;
    /** How far a retry's id jumps. */
    static final int RETRY_STEP = 100;

    /** A request and its remaining attempts; {@code id} changes with every attempt. */
    static final class Pending {
        final RpcCall call;
        final CompletableFuture<MiioRpcMessage.Reply> result = new CompletableFuture<>();
        int attemptsLeft;
        int id;
        boolean retried;
        /** When the current attempt times out, in the clock's milliseconds. */
        long deadlineMs = Long.MAX_VALUE;

        Pending(RpcCall call, int attempts) {
            this.call = call;
            this.attemptsLeft = attempts;
        }
    }

    private final int maxInFlight;
    private final int maxQueued;
    /** By request id; a primitive-keyed map, as every reply looks its request up here. */
    private final IntObjectMap<Pending> inFlight = new IntObjectHashMap<>();
    private final Deque<Pending> queue = new ArrayDeque<>();
    private final RequestIds ids;

    RequestTracker(int maxInFlight, int maxQueued, RequestIds ids) {
        this.maxInFlight = maxInFlight;
        this.maxQueued = maxQueued;
        this.ids = ids;
    }

    /** With ids that start at 1 and are kept nowhere. */
    RequestTracker(int maxInFlight, int maxQueued) {
        this(maxInFlight, maxQueued, RequestIds.unpersisted());
    }

    /** Queues a call with {@code attempts} tries in all; BUSY when the queue is full. */
    Pending submit(RpcCall call, int attempts) {
        Pending p = new Pending(call, attempts);
        if (queue.size() >= maxQueued) {
            p.result.completeExceptionally(new CommandFailure(CommandFailure.Code.BUSY, "too many requests queued for this device"));
        } else {
            queue.addLast(p);
        }
        return p;
    }

    boolean hasQueued() {
        return !queue.isEmpty();
    }

    /** Attempts left to the request at the head of the queue; 0 when the queue is empty. */
    int headAttemptsLeft() {
        Pending head = queue.peekFirst();
        return head == null ? 0 : head.attemptsLeft;
    }

    /** The next request to send under a fresh id, if the in-flight limit allows one. */
    Optional<Pending> nextToSend() {
        if (queue.isEmpty() || inFlight.size() >= maxInFlight) return Optional.empty();
        Pending p = queue.pollFirst();
        p.attemptsLeft--;
        p.id = freshId(p.retried ? RETRY_STEP : 1);
        inFlight.put(p.id, p);
        return Optional.of(p);
    }

    /** Takes the request waiting for reply {@code id}; empty for a late or unknown reply. */
    Optional<Pending> answered(int id) {
        return Optional.ofNullable(inFlight.remove(id));
    }

    /** Takes {@code p} out of flight if attempt {@code id} is still its current one. */
    boolean timedOut(Pending p, int id) {
        return inFlight.get(id) == p && inFlight.remove(id) == p;
    }

    /** The requests in flight, in no particular order (a copy). */
    java.util.List<Pending> inFlight() {
        return java.util.List.copyOf(inFlight.values());
    }

    /** Puts {@code p} back at the head of the queue when it has attempts left. */
    boolean retry(Pending p) {
        if (p.attemptsLeft <= 0) return false;
        p.retried = true;
        queue.addFirst(p);
        return true;
    }

    /** Fails every queued request (they were never sent) with {@code failure}. */
    void failQueued(RuntimeException failure) {
        // take them out first: a caller's callback may queue a new request while we complete these
        java.util.List<Pending> failed = java.util.List.copyOf(queue);
        queue.clear();
        for (Pending p : failed) p.result.completeExceptionally(failure);
    }

    /** Fails everything, queued and in flight. */
    void failAll(RuntimeException failure) {
        failQueued(failure);
        java.util.List<Pending> failed = java.util.List.copyOf(inFlight.values());
        inFlight.clear();
        for (Pending p : failed) p.result.completeExceptionally(failure);
    }

    private int freshId(int step) {
        return ids.next(step, inFlight::containsKey);
    }
}
