package dev.hearth.core.uplink;

import dev.hearth.core.cloud.command.CommandMetrics;
import dev.hearth.core.privacy.CloudPayload;
import dev.hearth.core.privacy.ConsentState;
import dev.hearth.core.privacy.UsagePayloads;
import dev.hearth.core.privacy.UsageStatsStore;
import dev.hearth.core.registry.DeviceRecord;
import dev.hearth.core.registry.Registry;
import dev.hearth.core.time.PeriodicTask;
import dev.hearth.driver.api.Scheduler;
import dev.hearth.protocols.cloud.v1.UsageStats;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user-experience programme's statistics (DESIGN.md section 13): counts every command by
 * operation and result as it completes, adds once a day how many devices there are by model and
 * protocol and how many are online by protocol, and publishes each finished day (UTC) on the
 * {@code stats} topic once, deleting it once the durable outbox holds it. Everything goes through
 * {@link UsageStatsStore}, which counts nothing while the home is not in the programme.
 */
public final class UsageReporter implements CommandMetrics, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UsageReporter.class);

    private final UsageStatsStore store;
    private final ConsentState consent;
    private final Registry registry;
    private final Supplier<Optional<Function<CloudPayload<UsageStats>, CompletionStage<Long>>>> publisher;
    private final Clock clock;
    private final PeriodicTask schedule;
    private volatile LocalDate snapshotDay = LocalDate.MIN;

    public UsageReporter(UsageStatsStore store, ConsentState consent, Registry registry,
                         Supplier<Optional<Function<CloudPayload<UsageStats>, CompletionStage<Long>>>> publisher,
                         Clock clock, Scheduler scheduler, Duration every) {
        this.store = Objects.requireNonNull(store, "store");
        this.consent = Objects.requireNonNull(consent, "consent");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.schedule = new PeriodicTask("usage statistics", every, scheduler, this::runOnce);
    }

    public void start() {
        schedule.start();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    @Override
    public void completed(dev.hearth.core.cloud.command.VerifiedCommand.Origin origin, String operation,
                          dev.hearth.protocols.cloud.v1.CommandReply.Status status, String reasonCode, Duration latency) {
        store.count(today(), "commands", operation.toLowerCase(Locale.ROOT) + "/" + status.name());
    }

    /** One pass: today's device snapshot if not taken yet, then every finished day published. */
    public void runOnce() {
        if (!consent.uxProgrammeJoined()) return;
        LocalDate today = today();
        if (!today.equals(snapshotDay)) {
            snapshotDay = today;
            Map<String, Long> devices = new HashMap<>();
            Map<String, Long> online = new HashMap<>();
            for (DeviceRecord d : registry.all()) {
                devices.merge(d.model() + "/" + d.protocol(), 1L, Long::sum);
                online.merge(d.protocol() + "/" + (d.availability().online() ? "online" : "offline"), 1L, Long::sum);
            }
            devices.forEach((k, n) -> store.add(today, "devices", k, n));
            online.forEach((k, n) -> store.add(today, "online", k, n));
        }
        Optional<Function<CloudPayload<UsageStats>, CompletionStage<Long>>> out = publisher.get();
        if (out.isEmpty()) return;
        for (LocalDate day : store.days()) {
            if (!day.isBefore(today)) continue;
            out.get().apply(preview(day)).thenRun(() -> store.deleteDay(day)).exceptionally(e -> {
                LOG.warn("usage statistics of {} not queued ({}); tried again at the next pass", day, e.toString());
                return null;
            });
        }
    }

    /** Exactly the message that day's statistics would be (what the preview shows). */
    public CloudPayload<UsageStats> preview(LocalDate day) {
        return UsagePayloads.of(day, store.of(day));
    }

    /** The next message: the oldest pending day's, or today's when nothing older waits. */
    public CloudPayload<UsageStats> previewNext() {
        List<LocalDate> days = store.days();
        return preview(days.isEmpty() ? today() : days.get(0));
    }

    /** The home left the programme: what is pending is deleted, not sent. */
    public int consentWithdrawn() {
        return store.deleteAll();
    }

    @Override
    public void close() {
        schedule.close();
    }
}
