package dev.hearth.core.cloud.outbox;

import dev.hearth.core.cloud.OutboundMessage;
import java.util.Objects;

/** A message held by the outbox, with its id (the send order) and when it was queued. */
public record OutboxEntry(long id, OutboundMessage message, long createdMs) {
    public OutboxEntry {
        Objects.requireNonNull(message, "message");
        if (id < 1) throw new IllegalArgumentException("ids start at 1");
    }
}
