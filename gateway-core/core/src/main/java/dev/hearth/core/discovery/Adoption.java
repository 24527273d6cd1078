package dev.hearth.core.discovery;

import dev.hearth.core.registry.DeviceRecord;
import dev.hearth.core.registry.Registry;
import dev.hearth.driver.api.Announcement;
import dev.hearth.driver.api.DiscoveredDevice;
import dev.hearth.driver.api.DriverCounters;
import dev.hearth.driver.api.SecretStore;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what happens to a discovered device. It is adopted automatically when it is known (in
 * the registry from an earlier adoption, or a static entry) and its secret is configured;
 * otherwise it waits in the {@link DiscoveryInbox} until {@link #adopt(String)}. A device that
 * was refused waits until adopted explicitly again, so a wrong key is not retried at every
 * announcement.
 *
 * <p>What a device is (id, protocol, model) is pinned when it is adopted (by the owner or by a
 * static entry). An announcement that claims another model or protocol for a pinned id changes
 * nothing: it is counted, logged once, and shown in the inbox as MODEL_CHANGED until the owner
 * {@link #acceptModel accepts} it. Announcements only ever tell where a device may be; the
 * session table believes an address once the device authenticated there.
 */
public final class Adoption implements DiscoveryListener {
    private static final Logger LOG = LoggerFactory.getLogger(Adoption.class);

    private final Registry registry;
    private final SecretStore secrets;
    private final DiscoveryInbox inbox;
    private final SessionControl sessions;
    private final List<DiscoveredDevice> staticDevices;
    private final Map<String, DiscoveredDevice> staticById;
    private final DriverCounters counters;
    /** Ids whose identity mismatch was logged, so a repeating announcement logs once (bounded by the pinned devices). */
    private final Set<String> mismatchLogged = ConcurrentHashMap.newKeySet();

    public Adoption(Registry registry, SecretStore secrets, DiscoveryInbox inbox, SessionControl sessions,
                    List<DiscoveredDevice> staticDevices) {
        this(registry, secrets, inbox, sessions, staticDevices, (counter, reason) -> { });
    }

    public Adoption(Registry registry, SecretStore secrets, DiscoveryInbox inbox, SessionControl sessions,
                    List<DiscoveredDevice> staticDevices, DriverCounters counters) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.staticDevices = List.copyOf(staticDevices);
        this.staticById = staticDevices.stream().collect(Collectors.toUnmodifiableMap(DiscoveredDevice::deviceId, s -> s));
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    /**
     * Adopts the static entries and resumes every device of the registry whose secret is
     * configured, at its last known address (where it last authenticated).
     */
    public void start() {
        for (DiscoveredDevice s : staticDevices) {
            consider(s);
        }
        for (DeviceRecord d : registry.all()) {
            if (!staticById.containsKey(d.id())) {
                consider(new DiscoveredDevice(d.id(), d.protocol(), d.model(), d.address(), Map.of("source", "registry")));
            }
        }
    }

    @Override
    public void discovered(DiscoveredDevice device, Announcement announcement) {
        Optional<Pin> pin = pin(device.deviceId());
        if (pin.isPresent() && !pin.get().matches(device)) {
            identityMismatch(device, pin.get());
            return;
        }
        consider(device);
    }

    /**
     * A device's service was withdrawn on mDNS: a goodbye, or its records expired (jmdns reports
     * both alike). Neither proves the device is gone: the session table checks by unicast.
     */
    @Override
    public synchronized void goodbye(String deviceId) {
        if (sessions.isOpen(deviceId)) {
            sessions.goodbye(deviceId);
        } else {
            inbox.find(deviceId).filter(e -> e.reason() == PendingReason.NOT_ADOPTED || e.reason() == PendingReason.NO_SECRET)
                    .ifPresent(e -> inbox.take(deviceId));
        }
    }

    /** Why the device would wait in the inbox; empty when it is adopted automatically. */
    public Optional<PendingReason> reasonToWait(DiscoveredDevice device) {
        boolean refused = inbox.find(device.deviceId()).map(e -> e.reason() == PendingReason.REFUSED).orElse(false);
        if (refused) return Optional.of(PendingReason.REFUSED);
        if (secrets.deviceSecret(device.deviceId()).isEmpty()) return Optional.of(PendingReason.NO_SECRET);
        boolean known = registry.exists(device.deviceId()) || staticById.containsKey(device.deviceId());
        return known ? Optional.empty() : Optional.of(PendingReason.NOT_ADOPTED);
    }

    /** Adopts a device of the inbox explicitly (after its secret was provided). */
    public synchronized AdoptResult adopt(String deviceId) {
        if (sessions.isOpen(deviceId)) return AdoptResult.ALREADY_ADOPTED;
        Optional<InboxEntry> entry = inbox.find(deviceId);
        if (entry.isEmpty()) return AdoptResult.NOT_DISCOVERED;
        if (entry.get().reason() == PendingReason.MODEL_CHANGED || entry.get().reason() == PendingReason.ID_COLLISION) {
            return AdoptResult.ALREADY_ADOPTED;
        }
        if (secrets.deviceSecret(deviceId).isEmpty()) return AdoptResult.NO_SECRET;
        inbox.take(deviceId);
        sessions.open(entry.get().device());
        return AdoptResult.ADOPTED;
    }

    /**
     * The owner accepts the model a MODEL_CHANGED entry announced: the registry re-pins it and the
     * session is opened again for the new model (at the address it last authenticated at).
     */
    public synchronized ModelChangeResult acceptModel(String deviceId) {
        Optional<InboxEntry> entry = inbox.find(deviceId).filter(e -> e.reason() == PendingReason.MODEL_CHANGED);
        if (entry.isEmpty()) return ModelChangeResult.NO_MODEL_CHANGE;
        if (staticById.containsKey(deviceId)) return ModelChangeResult.PINNED_BY_CONFIG;
        Optional<DeviceRecord> record = registry.find(deviceId);
        if (record.isEmpty()) return ModelChangeResult.NO_MODEL_CHANGE;
        DiscoveredDevice announced = entry.get().device();
        if (!announced.protocol().equals(record.get().protocol())) return ModelChangeResult.PROTOCOL_DIFFERS;
        inbox.take(deviceId);
        mismatchLogged.remove(deviceId);
        DeviceRecord repinned = registry.repin(deviceId, announced.model());
        sessions.reopen(new DiscoveredDevice(deviceId, repinned.protocol(), repinned.model(), repinned.address(),
                announced.attributes()));
        return ModelChangeResult.ACCEPTED;
    }

    private void identityMismatch(DiscoveredDevice device, Pin pin) {
        counters.increment("identity_mismatches", pin.protocol().equals(device.protocol()) ? "model" : "protocol");
        if (mismatchLogged.add(device.deviceId())) {
            LOG.warn("device {} is pinned as {} {}, but an announcement at {} claims {} {}: ignored; the owner may accept it "
                    + "from the discovery inbox", device.deviceId(), pin.protocol(), pin.model(), device.address(),
                    device.protocol(), device.model());
        }
        inbox.offer(device, PendingReason.MODEL_CHANGED,
                "announced as " + device.protocol() + " " + device.model() + "; pinned as " + pin.protocol() + " " + pin.model());
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

    private Optional<Pin> pin(String deviceId) {
        Optional<DeviceRecord> r = registry.find(deviceId);
        if (r.isPresent()) return Optional.of(new Pin(r.get().protocol(), r.get().model()));
        DiscoveredDevice s = staticById.get(deviceId);
        return s == null ? Optional.empty() : Optional.of(new Pin(s.protocol(), s.model()));
    }

    private static String describe(PendingReason r) {
        return switch (r) {
            case NO_SECRET -> "no key or token is configured for this device";
            case NOT_ADOPTED -> "new device: adopt it to connect";
            case REFUSED -> "the device refused authentication";
            case MODEL_CHANGED -> "announced with another model than the one pinned at adoption";
            case ID_COLLISION -> "two devices answer under this id";
        };
    }

    /** What a device was pinned as. */
    private record Pin(String protocol, String model) {
        boolean matches(DiscoveredDevice d) {
            return protocol.equals(d.protocol()) && model.equals(d.model());
        }
    }
}
