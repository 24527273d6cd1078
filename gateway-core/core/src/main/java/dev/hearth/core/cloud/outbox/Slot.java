package dev.hearth.core.cloud.outbox;

/** An entry held by the {@link Outbox}, with its delivery bookkeeping. Guarded by the outbox's lock. */
final class Slot {
    final OutboxEntry entry;
    /** When it was enqueued ({@link Outbox#lastId()} then); differs from the id when it took an older entry's place. */
    final long seq;
    EntryState state = EntryState.QUEUED;
    /** Publishes not acknowledged (refused, or the link lost while it was in flight); persisted. */
    int attempts;
    /** Times the link was lost right after publishing it, while it was the oldest unacknowledged publish; persisted. */
    int linkLosses;
    /** Publishes the broker refused (a PUBACK reason code of 0x80 or more). */
    int refusals;
    /** Not sendable before this (epoch ms): an entry that failed waits while the ones behind it go. */
    long notBeforeMs;
    boolean sent;
    /** Its last publish did not count as an attempt ({@link Outbox#release}): the client gave it back. */
    boolean released;

    Slot(OutboxEntry entry, long seq) {
        this.entry = entry;
        this.seq = seq;
    }
}
