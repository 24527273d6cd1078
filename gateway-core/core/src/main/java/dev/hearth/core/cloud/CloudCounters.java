package dev.hearth.core.cloud;

import dev.hearth.protocols.cloud.v1.CommandReply;

/**
 * What the bridge counts. Micrometer is plugged in later by implementing this; every method must
 * be cheap and thread-safe (called on the link and command threads).
 */
public interface CloudCounters {

    /** Why the outbox gave a message up. */
    enum DropReason {
        /** The outbox was over its count or byte bound: the oldest telemetry went. */
        BOUND,
        /** The message named a user who asked to be erased or withdrew consent. */
        ERASED,
        /** The message waited longer than the outbox's max age. */
        AGE,
        /** The broker refused it repeatedly. */
        REJECTED,
        /** It was published too many times without an acknowledgement (refused or link lost). */
        ATTEMPTS,
        /** The link was lost right after publishing it, several times in a row: it kills the connection. */
        LINK_KILLER,
        /** Larger than the broker's Maximum Packet Size (from CONNACK). */
        TOO_LARGE,
        /** The database could not take it (disk full, read-only): refused rather than kept in memory only. */
        STORAGE,
        /** The writer stayed full for longer than the enqueue waits: refused (backpressure). */
        WRITER_FULL
    }

    /** The broker acknowledged a message (PUBACK). */
    void delivered(MessageKind kind);

    void dropped(MessageKind kind, DropReason reason);

    /** A queued retained message was replaced by a newer one for the same topic before it left. */
    void coalesced(MessageKind kind);

    void connectAttempt();

    void connected();

    void connectionLost();

    /** A command was answered with {@code status} (OK included). */
    void commandAnswered(CommandReply.Status status);

    /** A command was refused but had no response topic to answer on. */
    void commandUnanswerable(CommandReply.Status status);

    /** A retained state was made to fit the broker's maximum packet size: values cut short, properties left out. */
    default void stateTrimmed(int truncated, int omitted) {
    }

    /** A command was dropped before the gate, unanswered (e.g. {@code bad_response_topic}). */
    default void commandDropped(String reason) {
    }

    /**
     * The broker answered a publish with a PUBACK reason code of 0x80 or more (0x87: not authorised,
     * e.g. a topic outside this gateway's home). The entry is retried, then dropped as {@code REJECTED}.
     */
    default void publishRefused(MessageKind kind, int reasonCode) {
    }

    /** The broker refused the subscription to this gateway's commands topic (SUBACK reason code 0x80 or more). */
    default void subscribeRefused(int reasonCode) {
    }

    /** The link connected to another broker node than its last connection's (a failover, or back to the preferred one). */
    default void brokerChanged() {
    }

    /** Counts nothing. */
    static CloudCounters none() {
        return new CloudCounters() {
            @Override public void delivered(MessageKind kind) { }
            @Override public void dropped(MessageKind kind, DropReason reason) { }
            @Override public void coalesced(MessageKind kind) { }
            @Override public void connectAttempt() { }
            @Override public void connected() { }
            @Override public void connectionLost() { }
            @Override public void commandAnswered(CommandReply.Status status) { }
            @Override public void commandUnanswerable(CommandReply.Status status) { }
        };
    }
}
