package dev.hearth.core.access;

import dev.hearth.driver.api.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends shares whose time is up, every {@code every}, and tells {@code afterChange} when any did,
 * so the registry topic and the local page stop showing them as shared. Access decisions do not
 * wait for this: the policy compares a share's expiry with the time of each decision.
 */
public final class ShareExpiry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ShareExpiry.class);

    private final ShareBook shares;
    private final Duration every;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Runnable afterChange;
    private volatile boolean stopped;
    private volatile Optional<Scheduler.Cancellable> next = Optional.empty();

    public ShareExpiry(ShareBook shares, Duration every, Clock clock, Scheduler scheduler, Runnable afterChange) {
        this.shares = Objects.requireNonNull(shares, "shares");
        if (every.isNegative() || every.isZero()) throw new IllegalArgumentException("every must be positive");
        this.every = every;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.afterChange = Objects.requireNonNull(afterChange, "afterChange");
    }

    /** Runs a pass now, then every {@code every}. */
    public void start() {
        tick();
    }

    /** One pass, now; returns how many shares it ended. */
    public int runOnce() {
        int ended = shares.expire(clock.instant());
        if (ended > 0) {
            LOG.info("{} share(s) expired", ended);
            afterChange.run();
        }
        return ended;
    }

    private void tick() {
        if (stopped) return;
        try {
            runOnce();
        } catch (RuntimeException e) {
            // a failed pass (a disk error) is tried again at the next one; it must not end the schedule
            LOG.warn("share expiry pass failed: {}", e.toString());
        }
        if (!stopped) next = Optional.of(scheduler.schedule(every, this::tick));
    }

    @Override
    public void close() {
        stopped = true;
        next.ifPresent(Scheduler.Cancellable::cancel);
    }
}
