package dev.hearth.core.cloud.command;

import com.google.protobuf.ByteString;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The nonces of accepted commands, each kept until its command can no longer pass the expiry check
 * (expiry + skew). Bounded: a nonce is evicted only once expired, so when the cache is full of live
 * nonces new commands are refused (FULL) rather than opening a replay window. Thread-safe.
 */
final class ReplayCache {
    enum Result { FRESH, REPLAYED, FULL }

    private record Seen(ByteString nonce, long forgetAfterMs) { }

    private final int capacity;
    private final Map<ByteString, Long> seen = new HashMap<>();
    private final PriorityQueue<Seen> byExpiry = new PriorityQueue<>((a, b) -> Long.compare(a.forgetAfterMs, b.forgetAfterMs));

    ReplayCache(int capacity) {
        this.capacity = capacity;
    }

    /** Records {@code nonce}, remembered until {@code forgetAfterMs}, unless seen before or the cache is full. */
    synchronized Result record(ByteString nonce, long forgetAfterMs, long nowMs) {
        while (!byExpiry.isEmpty() && byExpiry.peek().forgetAfterMs < nowMs) {
            seen.remove(byExpiry.poll().nonce);
        }
        if (seen.containsKey(nonce)) return Result.REPLAYED;
        if (seen.size() >= capacity) return Result.FULL;
        seen.put(nonce, forgetAfterMs);
        byExpiry.add(new Seen(nonce, forgetAfterMs));
        return Result.FRESH;
    }

    synchronized int size() {
        return seen.size();
    }
}
