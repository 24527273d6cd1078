package dev.hearth.core.access;

import dev.hearth.core.time.PeriodicTask;
import dev.hearth.driver.api.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
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
    private final Clock clock;
    private final Runnable afterChange;
    private final PeriodicTask schedule;

    public ShareExpiry(ShareBook shares, Duration every, Clock clock, Scheduler scheduler, Runnable afterChange) {
        this.shares = Objects.requireNonNull(shares, "shares");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.afterChange = Objects.requireNonNull(afterChange, "afterChange");
        this.schedule = new PeriodicTask("share expiry pass", every, scheduler, this::runOnce);
    }

    /** Runs a pass now, then every {@code every}. */
    public void start() {
        schedule.start();
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

    @Override
    public void close() {
        schedule.close();
    }
}
