package dev.hearth.core.discovery;

import dev.hearth.core.registry.DeviceRecord;
import dev.hearth.core.registry.Registry;
import dev.hearth.driver.api.Announcement;
import dev.hearth.driver.api.DiscoveredDevice;
import dev.hearth.driver.api.SecretStore;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides what happens to a discovered device. It is adopted automatically when it is known (in
 * the registry from an earlier adoption, or a static entry) and its secret is configured;
 * otherwise it waits in the {@link DiscoveryInbox} until {@link #adopt(String)}. A device that
 * was refused waits until adopted explicitly again, so a wrong key is not retried at every
 * announcement.
 */
public final class Adoption implements DiscoveryListener {
    private final Registry registry;
    private final SecretStore secrets;
    private final DiscoveryInbox inbox;
    private final SessionControl sessions;
    private final List<StaticDevice> staticDevices;
    private final Set<String> staticIds;

    public Adoption(Registry registry, SecretStore secrets, DiscoveryInbox inbox, SessionControl sessions,
                    List<StaticDevice> staticDevices) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.staticDevices = List.copyOf(staticDevices);
        this.staticIds = staticDevices.stream().map(StaticDevice::deviceId).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Adopts the static entries and resumes every device of the registry whose secret is
     * configured, at its last known address (mDNS corrects the address if it moved).
     */
    public void start() {
        for (StaticDevice s : staticDevices) {
            consider(s.toDiscovered());
        }
        for (DeviceRecord d : registry.all()) {
            if (!staticIds.contains(d.id())) {
                consider(new DiscoveredDevice(d.id(), d.protocol(), d.model(), d.address(), Map.of("source", "registry")));
            }
        }
    }

    @Override
    public void discovered(DiscoveredDevice device, Announcement announcement) {
        consider(device);
    }

    @Override
    public synchronized void goodbye(String deviceId) {
        inbox.take(deviceId);
        if (sessions.isOpen(deviceId)) sessions.goodbye(deviceId);
    }

    /** Why the device would wait in the inbox; empty when it is adopted automatically. */
    public Optional<PendingReason> reasonToWait(DiscoveredDevice device) {
        boolean refused = inbox.find(device.deviceId()).map(e -> e.reason() == PendingReason.REFUSED).orElse(false);
        if (refused) return Optional.of(PendingReason.REFUSED);
        if (secrets.deviceSecret(device.deviceId()).isEmpty()) return Optional.of(PendingReason.NO_SECRET);
        boolean known = registry.exists(device.deviceId()) || staticIds.contains(device.deviceId());
        return known ? Optional.empty() : Optional.of(PendingReason.NOT_ADOPTED);
    }

    /** Adopts a device of the inbox explicitly (after its secret was provided). */
    public synchronized AdoptResult adopt(String deviceId) {
        if (sessions.isOpen(deviceId)) return AdoptResult.ALREADY_ADOPTED;
        Optional<InboxEntry> entry = inbox.find(deviceId);
        if (entry.isEmpty()) return AdoptResult.NOT_DISCOVERED;
        if (secrets.deviceSecret(deviceId).isEmpty()) return AdoptResult.NO_SECRET;
        inbox.take(deviceId);
        sessions.open(entry.get().device());
        return AdoptResult.ADOPTED;
    }

    private synchronized void consider(DiscoveredDevice device) {
        if (sessions.isOpen(device.deviceId())) {
            sessions.rediscovered(device);
            return;
        }
        Optional<PendingReason> wait = reasonToWait(device);
        if (wait.isEmpty()) {
            inbox.take(device.deviceId());
            sessions.open(device);
        } else if (wait.get() == PendingReason.REFUSED) {
            inbox.refresh(device);
        } else {
            inbox.offer(device, wait.get(), describe(wait.get()));
        }
    }

    private static String describe(PendingReason r) {
        return switch (r) {
            case NO_SECRET -> "no key or token is configured for this device";
            case NOT_ADOPTED -> "new device: adopt it to connect";
            case REFUSED -> "the device refused authentication";
        };
    }
}
