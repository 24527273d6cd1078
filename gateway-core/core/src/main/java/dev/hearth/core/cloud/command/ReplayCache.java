package dev.hearth.core.cloud.command;

import com.google.protobuf.ByteString;
import dev.hearth.core.storage.StorageException;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nonces of accepted commands, each kept until its command can no longer pass the expiry check
 * (expiry + skew). Memory is the fast path; every nonce is written to the {@link NonceStore} before
 * its command is accepted, and the live ones are loaded back at start, so a restart opens no replay
 * window. Bounded: a nonce is evicted only once expired, so when the cache is full of live nonces
 * new commands are refused (FULL) rather than opening a replay window; a nonce that cannot be
 * stored refuses its command (STORE_FAILED). Thread-safe.
 */
final class ReplayCache {
    private static final Logger log = LoggerFactory.getLogger(ReplayCache.class);
    /** Expired rows are deleted at most this often (one DELETE, not one per command). */
    private static final long PRUNE_EVERY_MS = 1_000;

    enum Result { FRESH, REPLAYED, FULL, STORE_FAILED }

    private record Seen(ByteString nonce, long forgetAfterMs) { }

    private final int capacity;
    private final NonceStore store;
    private final Map<ByteString, Long> seen = new HashMap<>();
    private final PriorityQueue<Seen> byExpiry = new PriorityQueue<>((a, b) -> Long.compare(a.forgetAfterMs, b.forgetAfterMs));
    private long prunedAtMs;

    /** Loads the nonces still live at {@code nowMs} from {@code store}. */
    ReplayCache(int capacity, NonceStore store, long nowMs) {
        this.capacity = capacity;
        this.store = store;
        store.live(nowMs).forEach((nonce, forgetAfter) -> {
            seen.put(nonce, forgetAfter);
            byExpiry.add(new Seen(nonce, forgetAfter));
        });
        prunedAtMs = nowMs;
        // More live nonces than the bound (it was lowered): all are kept, and commands are
        // refused BUSY until enough expire; forgetting some would reopen their replay window.
        if (seen.size() > capacity) log.warn("{} live command nonces loaded, more than the bound of {}", seen.size(), capacity);
    }

    /** Records {@code nonce}, remembered until {@code forgetAfterMs}, unless seen before, the cache is full or it cannot be stored. */
    synchronized Result record(ByteString nonce, long forgetAfterMs, long nowMs) {
        while (!byExpiry.isEmpty() && byExpiry.peek().forgetAfterMs < nowMs) {
            seen.remove(byExpiry.poll().nonce);
        }
        prune(nowMs);
        if (seen.containsKey(nonce)) return Result.REPLAYED;
        if (seen.size() >= capacity) return Result.FULL;
        try {
            store.insert(nonce, forgetAfterMs);
        } catch (StorageException e) {
            log.warn("command refused: its nonce could not be stored ({})", e.getMessage());
            return Result.STORE_FAILED;
        }
        seen.put(nonce, forgetAfterMs);
        byExpiry.add(new Seen(nonce, forgetAfterMs));
        return Result.FRESH;
    }

    private void prune(long nowMs) {
        if (nowMs - prunedAtMs < PRUNE_EVERY_MS) return;
        prunedAtMs = nowMs;
        try {
            store.forgetBefore(nowMs);
        } catch (StorageException e) {
            // only cleanup: the rows are expired, a later prune removes them
            log.warn("expired command nonces not pruned: {}", e.getMessage());
        }
    }

    synchronized int size() {
        return seen.size();
    }
}
