package dev.hearth.core.cloud.outbox;

/** How much the outbox holds. */
public record OutboxStats(int queued, int inFlight, long bytes) {
    public int held() {
        return queued + inFlight;
    }
}
