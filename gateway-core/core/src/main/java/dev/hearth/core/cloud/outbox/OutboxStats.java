package dev.hearth.core.cloud.outbox;

/** How much the outbox holds: entries, their payload bytes, and how many of the messages are in memory (the rest are on disk only). */
public record OutboxStats(int queued, int inFlight, long bytes, int inMemory) {
    public int held() {
        return queued + inFlight;
    }
}
