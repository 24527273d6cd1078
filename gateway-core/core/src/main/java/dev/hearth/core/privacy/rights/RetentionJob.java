package dev.hearth.core.privacy.rights;

import dev.hearth.core.access.AuditEntry;
import dev.hearth.core.access.AuditLog;
import dev.hearth.core.cloud.QueuedMessages;
import dev.hearth.core.time.PeriodicTask;
import dev.hearth.driver.api.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retention (DESIGN.md section 1: personal data is anonymised once its purpose ends): at start and
 * then every {@code every}, audit log entries older than {@code retention} are anonymised, and
 * queued cloud messages older than the outbox's max age are dropped (counted by the outbox) even
 * while the link is down. The audit log is the gateway's only history of who did what; the
 * registry keeps current state, not history.
 */
public final class RetentionJob implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    /** What one pass did. */
    public record Pass(Instant at, Instant cutoff, int auditAnonymised, int outboxExpired) {
    }

    private final AuditLog audit;
    private final Supplier<Optional<QueuedMessages>> outbox;
    private final Duration retention;
    private final Clock clock;
    private final PeriodicTask schedule;
    private final AtomicLong anonymisedTotal = new AtomicLong();
    private final AtomicLong expiredTotal = new AtomicLong();

    public RetentionJob(AuditLog audit, Supplier<Optional<QueuedMessages>> outbox, Duration retention, Duration every,
                        Clock clock, Scheduler scheduler) {
        this.audit = Objects.requireNonNull(audit, "audit");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        if (retention.isNegative() || retention.isZero()) throw new IllegalArgumentException("retention must be positive");
        this.retention = retention;
        this.clock = clock;
        this.schedule = new PeriodicTask("retention pass", every, scheduler, this::runOnce);
    }

    /** Runs a pass now, then every {@code every}. */
    public void start() {
        schedule.start();
    }

    /** One pass, now. */
    public Pass runOnce() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(retention);
        // Entries anonymised by an earlier pass are left alone, so the count is of new work only.
        int anonymised = audit.rewrite(e -> Instant.parse(e.time()).isBefore(cutoff) && !isAnonymous(e)).anonymised();
        int expired = outbox.get().map(QueuedMessages::dropExpired).orElse(0);
        anonymisedTotal.addAndGet(anonymised);
        expiredTotal.addAndGet(expired);
        if (anonymised + expired > 0) {
            LOG.info("retention: {} audit entries older than {} anonymised, {} expired cloud messages dropped",
                    anonymised, cutoff, expired);
        }
        return new Pass(now, cutoff, anonymised, expired);
    }

    private static boolean isAnonymous(AuditEntry e) {
        return e.equals(e.anonymised());
    }

    /** Audit entries anonymised since start. */
    public long anonymisedTotal() {
        return anonymisedTotal.get();
    }

    /** Queued cloud messages dropped for age since start. */
    public long expiredTotal() {
        return expiredTotal.get();
    }

    @Override
    public void close() {
        schedule.close();
    }
}
