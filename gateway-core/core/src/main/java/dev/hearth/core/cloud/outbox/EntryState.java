package dev.hearth.core.cloud.outbox;

/**
 * The life of an outbox entry: QUEUED -> IN_FLIGHT -> ACKED (deleted) | DROPPED; IN_FLIGHT goes
 * back to QUEUED when the connection is lost or the publish fails. ACKED and DROPPED are final.
 */
public enum EntryState {
    QUEUED,
    IN_FLIGHT,
    ACKED,
    DROPPED;

    boolean canBecome(EntryState next) {
        return switch (this) {
            case QUEUED -> next == IN_FLIGHT || next == DROPPED || next == ACKED;
            case IN_FLIGHT -> next == QUEUED || next == ACKED || next == DROPPED;
            case ACKED, DROPPED -> false;
        };
    }
}
