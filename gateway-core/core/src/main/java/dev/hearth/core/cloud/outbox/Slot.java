package dev.hearth.core.cloud.outbox;

import dev.hearth.core.cloud.MessageKind;
import dev.hearth.core.cloud.OutboundMessage;
import dev.hearth.core.logging.ratelimit.RateLimitedLog;

/**
 * An entry held by the {@link Outbox}: what the index needs to order, bound and age it (id, kind,
 * topic, size, creation time), its delivery bookkeeping, and its message while that is in memory
 * ("warm"). A "cold" entry's message is only in its SQLite row, read back in a batch when it comes
 * up for sending: a backlog costs memory per entry, not per payload byte. Guarded by the outbox's lock.
 */
final class Slot {
    final long id;
    /** When it was enqueued ({@link Outbox#lastId()} then); differs from the id when it took an older entry's place. */
    final long seq;
    final MessageKind kind;
    final String topic;
    /** The payload's size in bytes (what the outbox's byte bound counts). */
    final int size;
    final long createdMs;
    /** The message, or null while it is only on disk: only an entry whose row is committed goes cold. */
    OutboundMessage message;
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

    /** A new entry, warm. */
    Slot(OutboxEntry entry, long seq) {
        this(entry.id(), seq, entry.message().kind(), entry.message().topic(), entry.message().size(), entry.createdMs());
        this.message = entry.message();
    }

    /** A stored entry whose message stays on disk until it is needed. */
    Slot(long id, long seq, MessageKind kind, String topic, int size, long createdMs) {
        this.id = id;
        this.seq = seq;
        this.kind = kind;
        this.topic = topic;
        this.size = size;
        this.createdMs = createdMs;
    }

    boolean warm() {
        return message != null;
    }

    /** The entry with its message; only for a warm slot. */
    OutboxEntry entry() {
        if (message == null) throw new IllegalStateException("outbox entry " + id + " is not in memory");
        return new OutboxEntry(id, message, createdMs);
    }

    /** As {@link OutboundMessage#toString()}, without the message: for log lines about cold entries too. */
    @Override
    public String toString() {
        return "OutboundMessage[" + kind + " " + RateLimitedLog.quoted(topic) + ", " + size + " bytes]";
    }
}
