package dev.hearth.core.discovery;

import dev.hearth.driver.api.DiscoveredDevice;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovered devices that are not adopted (and notices about adopted ones: MODEL_CHANGED,
 * ID_COLLISION), one entry per device id: the latest announcement wins, the first sighting is
 * kept. In memory: devices announce themselves again after a restart.
 *
 * <p>Bounded: at most {@code maxEntries}; an entry not seen for {@code expireAfter} is dropped;
 * when full, the entry seen longest ago makes room (counted). An id's first announcement is
 * logged at INFO, at most {@value #INFO_PER_MINUTE} ids a minute (the rest at DEBUG, and the next
 * INFO line says how many), later changes of its reason at DEBUG, so a LAN full of announcements
 * (100,000 distinct ids) cannot flood the log. Thread-safe; listeners run on the calling thread, outside the inbox's lock.
 */
public final class DiscoveryInbox {
    private static final Logger LOG = LoggerFactory.getLogger(DiscoveryInbox.class);
    public static final int DEFAULT_MAX_ENTRIES = 256;
    public static final Duration DEFAULT_EXPIRE_AFTER = Duration.ofHours(24);
    static final int INFO_PER_MINUTE = 10;

    private final Clock clock;
    private final int maxEntries;
    private final Duration expireAfter;
    private final Consumer<String> dropped;
    private final Map<String, InboxEntry> entries = new LinkedHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    /** The minute new ids are counted in, how many were logged at INFO in it, and how many not since. Guarded by this. */
    private long infoMinute = Long.MIN_VALUE;
    private int infoLogged;
    private long infoSuppressed;

    public DiscoveryInbox(Clock clock) {
        this(clock, DEFAULT_MAX_ENTRIES, DEFAULT_EXPIRE_AFTER, reason -> { });
    }

    /** {@code dropped} is told why an entry was dropped ({@code "expired"}, {@code "full"}): for a counter. */
    public DiscoveryInbox(Clock clock, int maxEntries, Duration expireAfter, Consumer<String> dropped) {
        if (maxEntries < 1) throw new IllegalArgumentException("the inbox must hold at least one entry");
        if (expireAfter.isNegative() || expireAfter.isZero()) throw new IllegalArgumentException("expireAfter must be positive");
        this.clock = clock;
        this.maxEntries = maxEntries;
        this.expireAfter = expireAfter;
        this.dropped = dropped;
    }

    /**
     * {@code listener} runs (on the calling thread) when an entry arrives, changes its reason or
     * leaves; not for a mere refresh of an entry's last-seen time.
     */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** Adds or refreshes the device's entry. */
    public InboxEntry offer(DiscoveredDevice device, PendingReason reason, String detail) {
        Instant now = clock.instant();
        InboxEntry previous;
        InboxEntry e;
        boolean changed;
        synchronized (this) {
            changed = expire(now);
            previous = entries.get(device.deviceId());
            if (previous == null && entries.size() >= maxEntries) {
                evictOldest();
                changed = true;
            }
            e = new InboxEntry(device, previous == null ? now : previous.firstSeen(), now, reason, detail);
            entries.put(device.deviceId(), e);
        }
        if (previous == null) {
            long suppressed = infoSlot(now);
            if (suppressed >= 0) {
                LOG.info("device {} ({} {}) waits in the discovery inbox: {} ({}){}", device.deviceId(), device.protocol(),
                        device.model(), reason, detail, suppressed == 0 ? "" : "; " + suppressed + " more new devices were logged at DEBUG only");
            } else {
                LOG.debug("device {} ({} {}) waits in the discovery inbox: {} ({})", device.deviceId(), device.protocol(),
                        device.model(), reason, detail);
            }
        } else if (previous.reason() != reason) {
            LOG.debug("device {} in the discovery inbox: {} -> {} ({})", device.deviceId(), previous.reason(), reason, detail);
        }
        if (changed || previous == null || previous.reason() != reason) notifyListeners();
        return e;
    }

    /** How many new ids went unlogged at INFO before this one if it may be logged at INFO now, else -1. */
    private synchronized long infoSlot(Instant now) {
        long minute = now.getEpochSecond() / 60;
        if (minute != infoMinute) {
            infoMinute = minute;
            infoLogged = 0;
        }
        if (infoLogged >= INFO_PER_MINUTE) {
            infoSuppressed++;
            return -1;
        }
        infoLogged++;
        long suppressed = infoSuppressed;
        infoSuppressed = 0;
        return suppressed;
    }

    /** Refreshes the announcement and last-seen of an entry, keeping its reason. Empty if it has none. */
    public Optional<InboxEntry> refresh(DiscoveredDevice device) {
        Instant now = clock.instant();
        synchronized (this) {
            InboxEntry old = entries.get(device.deviceId());
            if (old == null) return Optional.empty();
            InboxEntry e = new InboxEntry(device, old.firstSeen(), now, old.reason(), old.detail());
            entries.put(device.deviceId(), e);
            return Optional.of(e);
        }
    }

    public Optional<InboxEntry> find(String deviceId) {
        boolean changed;
        InboxEntry e;
        synchronized (this) {
            changed = expire(clock.instant());
            e = entries.get(deviceId);
        }
        if (changed) notifyListeners();
        return Optional.ofNullable(e);
    }

    /** Removes and returns the entry. */
    public Optional<InboxEntry> take(String deviceId) {
        InboxEntry taken;
        synchronized (this) {
            taken = entries.remove(deviceId);
        }
        if (taken != null) notifyListeners();
        return Optional.ofNullable(taken);
    }

    /** Every entry, oldest first. */
    public List<InboxEntry> entries() {
        boolean changed;
        List<InboxEntry> out;
        synchronized (this) {
            changed = expire(clock.instant());
            out = entries.values().stream().sorted(Comparator.comparing(InboxEntry::firstSeen)
                    .thenComparing(InboxEntry::deviceId)).toList();
        }
        if (changed) notifyListeners();
        return out;
    }

    private boolean expire(Instant now) {
        Instant cutoff = now.minus(expireAfter);
        boolean any = entries.values().removeIf(e -> {
            boolean old = e.lastSeen().isBefore(cutoff);
            if (old) LOG.debug("device {} left the discovery inbox: not seen for {}", e.deviceId(), expireAfter);
            if (old) dropped.accept("expired");
            return old;
        });
        return any;
    }

    private void evictOldest() {
        entries.values().stream().min(Comparator.comparing(InboxEntry::lastSeen)).ifPresent(oldest -> {
            entries.remove(oldest.deviceId());
            dropped.accept("full");
            LOG.debug("device {} left the discovery inbox to make room ({} entries)", oldest.deviceId(), maxEntries);
        });
    }

    private void notifyListeners() {
        listeners.forEach(Runnable::run);
    }
}
