package dev.hearth.core.cloud;

import dev.hearth.core.cloud.outbox.Outbox;
import dev.hearth.core.cloud.outbox.OutboxEntry;
import dev.hearth.core.storage.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What waits in the cloud outbox, as the privacy rights see it: read (an export), purge (an
 * erasure) and expire (retention). It is the only view of the outbox outside the cloud package:
 * nothing there can enqueue, so nothing outside the bridge can put a message on the wire.
 */
public interface QueuedMessages {

    /** One message still held: its outbox id, the message, and when it was queued. */
    record Held(long id, OutboundMessage message, Instant queuedAt) {
        public Held {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(queuedAt, "queuedAt");
        }
    }

    /** The messages still held (queued or in flight) that {@code which} matches. */
    List<Held> held(Predicate<OutboundMessage> which);

    /** Deletes the queued (not in-flight) messages that {@code which} matches; returns how many. */
    int purgeQueued(Predicate<OutboundMessage> which);

    /** Drops queued telemetry and replies older than the max age now; returns how many. */
    int dropExpired();

    /** The view of a bridge's outbox. */
    static QueuedMessages of(Outbox outbox) {
        Objects.requireNonNull(outbox, "outbox");
        return new QueuedMessages() {
            @Override
            public List<Held> held(Predicate<OutboundMessage> which) {
                return outbox.held(which).stream().map(QueuedMessages::held).toList();
            }

            @Override
            public int purgeQueued(Predicate<OutboundMessage> which) {
                return outbox.purgeQueued(which);
            }

            @Override
            public int dropExpired() {
                return outbox.dropExpired();
            }
        };
    }

    private static Held held(OutboxEntry e) {
        return new Held(e.id(), e.message(), Instant.ofEpochMilli(e.createdMs()));
    }

    /** A stopped gateway's outbox, opened for a rights request on its data directory. */
    interface Offline extends QueuedMessages, AutoCloseable {
        @Override
        void close();
    }

    /** Opens the outbox of a stopped gateway's database (no link: nothing is sent). */
    static Offline openOffline(Database db, Duration maxAge, Clock clock) {
        Outbox outbox = Outbox.open(db, OutboxLimits.defaults().withMaxAge(maxAge), clock, CloudCounters.none());
        QueuedMessages view = of(outbox);
        return new Offline() {
            @Override public List<Held> held(Predicate<OutboundMessage> which) { return view.held(which); }
            @Override public int purgeQueued(Predicate<OutboundMessage> which) { return view.purgeQueued(which); }
            @Override public int dropExpired() { return view.dropExpired(); }
            @Override public void close() { outbox.close(); }
        };
    }
}
