package dev.hearth.core.discovery;

import dev.hearth.driver.api.DiscoveredDevice;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovered devices that are not adopted, one entry per device id: the latest announcement
 * wins, the first sighting is kept. In memory: devices announce themselves again after a restart.
 */
public final class DiscoveryInbox {
    private static final Logger LOG = LoggerFactory.getLogger(DiscoveryInbox.class);

    private final Clock clock;
    private final Map<String, InboxEntry> entries = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public DiscoveryInbox(Clock clock) {
        this.clock = clock;
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
        InboxEntry[] previous = new InboxEntry[1];
        InboxEntry e = entries.compute(device.deviceId(), (id, old) -> {
            previous[0] = old;
            return new InboxEntry(device, old == null ? now : old.firstSeen(), now, reason, detail);
        });
        if (previous[0] == null || previous[0].reason() != reason) {
            LOG.info("device {} ({} {}) waits in the discovery inbox: {} ({})", device.deviceId(), device.protocol(),
                    device.model(), reason, detail);
            listeners.forEach(Runnable::run);
        }
        return e;
    }

    /** Refreshes the announcement and last-seen of an entry, keeping its reason. Empty if it has none. */
    public Optional<InboxEntry> refresh(DiscoveredDevice device) {
        Instant now = clock.instant();
        return Optional.ofNullable(entries.computeIfPresent(device.deviceId(),
                (id, old) -> new InboxEntry(device, old.firstSeen(), now, old.reason(), old.detail())));
    }

    public Optional<InboxEntry> find(String deviceId) {
        return Optional.ofNullable(entries.get(deviceId));
    }

    /** Removes and returns the entry. */
    public Optional<InboxEntry> take(String deviceId) {
        Optional<InboxEntry> taken = Optional.ofNullable(entries.remove(deviceId));
        if (taken.isPresent()) listeners.forEach(Runnable::run);
        return taken;
    }

    /** Every entry, oldest first. */
    public List<InboxEntry> entries() {
        return entries.values().stream().sorted(Comparator.comparing(InboxEntry::firstSeen)
                .thenComparing(InboxEntry::deviceId)).toList();
    }
}
