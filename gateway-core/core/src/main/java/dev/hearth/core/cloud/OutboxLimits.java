package dev.hearth.core.cloud;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds of the durable outbox and its group commit.
 *
 * @param maxEntries messages held (queued + in flight); above it the oldest queued telemetry goes
 * @param maxBytes payload bytes held; same rule
 * @param maxAge telemetry and replies older than this are dropped instead of sent
 * @param commitBatch at most this many writes per transaction
 * @param commitWindow how long the writer waits to gather a batch
 */
public record OutboxLimits(int maxEntries, long maxBytes, Duration maxAge, int commitBatch, Duration commitWindow) {
    public OutboxLimits {
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(commitWindow, "commitWindow");
        if (maxEntries < 1) throw new IllegalArgumentException("maxEntries must be positive");
        if (maxBytes < 1) throw new IllegalArgumentException("maxBytes must be positive");
        if (maxAge.isNegative() || maxAge.isZero()) throw new IllegalArgumentException("maxAge must be positive");
        if (commitBatch < 1) throw new IllegalArgumentException("commitBatch must be positive");
        if (commitWindow.isNegative() || commitWindow.toMillis() > 1000) throw new IllegalArgumentException("commitWindow must be 0-1000 ms");
    }

    /** 100k messages / 16 MB / 7 days; commit every 5 ms or 500 writes. */
    public static OutboxLimits defaults() {
        return new OutboxLimits(100_000, 16L * 1024 * 1024, Duration.ofDays(7), 500, Duration.ofMillis(5));
    }

    public OutboxLimits withMaxEntries(int n) {
        return new OutboxLimits(n, maxBytes, maxAge, commitBatch, commitWindow);
    }

    public OutboxLimits withMaxBytes(long n) {
        return new OutboxLimits(maxEntries, n, maxAge, commitBatch, commitWindow);
    }

    public OutboxLimits withMaxAge(Duration age) {
        return new OutboxLimits(maxEntries, maxBytes, age, commitBatch, commitWindow);
    }
}
