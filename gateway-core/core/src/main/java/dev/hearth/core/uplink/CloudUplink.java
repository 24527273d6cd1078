package dev.hearth.core.uplink;

import dev.hearth.core.access.ShareBook;
import dev.hearth.protocols.cloud.v1.DeviceState;
import dev.hearth.protocols.cloud.v1.Availability;
import dev.hearth.core.cloud.CloudBridge;
import dev.hearth.core.cloud.RetainedSnapshot;
import dev.hearth.core.devices.DeviceEventListener;
import dev.hearth.core.home.RoomBook;
import dev.hearth.core.privacy.CloudPayload;
import dev.hearth.core.privacy.FilteredTelemetry;
import dev.hearth.core.privacy.PrivacyFilter;
import dev.hearth.core.privacy.Pseudonymiser;
import dev.hearth.core.privacy.RegistryPayloads;
import dev.hearth.core.privacy.TelemetryPayloads;
import dev.hearth.core.registry.DeviceRecord;
import dev.hearth.core.registry.Registry;
import dev.hearth.core.registry.RegistryChange;
import dev.hearth.core.registry.RegistryListener;
import dev.hearth.driver.api.DeviceEvent;
import dev.hearth.driver.api.Scheduler;
import dev.hearth.driver.api.model.ModelCatalog;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one way device data goes up (DESIGN.md section 3): registry changes and device events pass
 * through the {@link PrivacyFilter}, and only what it made ({@link FilteredTelemetry}) is turned
 * into payloads for the {@link CloudBridge}. Availability and the registry topic carry no device
 * state. Registry-topic updates are coalesced: many changes within a short window publish once;
 * a device's retained state goes up on its first change and then at most once per
 * {@link #STATE_WINDOW} with the latest values.
 */
public final class CloudUplink implements RegistryListener, DeviceEventListener, RetainedSnapshot {
    private static final Duration REGISTRY_DEBOUNCE = Duration.ofMillis(200);
    /**
     * A device's retained state goes up at once on a change, then at most once per window with the
     * latest values: telemetry carries every change, and a device reporting 100 times a second
     * would otherwise double the cloud traffic with states that replace each other.
     */
    static final Duration STATE_WINDOW = Duration.ofMillis(500);

    /** Counts what went up, for the gateway's metrics. */
    public interface Counters {
        void telemetryOut();

        Counters NONE = () -> { };
    }

    private final Registry registry;
    private final RoomBook rooms;
    private final ShareBook shares;
    private final ModelCatalog models;
    private final PrivacyFilter filter;
    private final RegistryPayloads payloads;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Counters counters;
    private final TelemetryIds ids;
    private final AtomicBoolean registryPending = new AtomicBoolean();
    /** Devices whose state window is open, and whether they changed since it opened. Guarded by itself. */
    private final Map<String, Boolean> stateWindows = new HashMap<>();
    private volatile Optional<CloudBridge> bridge = Optional.empty();

    public CloudUplink(Registry registry, RoomBook rooms, ShareBook shares, ModelCatalog models, PrivacyFilter filter,
                       String homeId, Pseudonymiser pseudonymiser, Clock clock, Scheduler scheduler,
                       Counters counters, TelemetryIds ids) {
        this.registry = registry;
        this.rooms = rooms;
        this.shares = shares;
        this.models = models;
        this.filter = filter;
        this.payloads = new RegistryPayloads(homeId, pseudonymiser);
        this.clock = clock;
        this.scheduler = scheduler;
        this.counters = counters;
        this.ids = ids;
    }

    /** Starts forwarding to {@code bridge}; until then changes are only reflected in the snapshot. */
    public void attach(CloudBridge b) {
        this.bridge = Optional.of(b);
    }

    @Override
    public void changed(RegistryChange change) {
        if (bridge.isEmpty()) return;
        CloudBridge b = bridge.get();
        if (change instanceof RegistryChange.StateChanged s) {
            DeviceRecord d = s.device();
            filter.filter(d.id(), models.find(d.model()), new DeviceEvent.StateReported(s.changed(), d.lastSeen()))
                    .ifPresent(t -> {
                        b.publishTelemetry(TelemetryPayloads.telemetry(t, ids.next()));
                        counters.telemetryOut();
                    });
            stateChanged(d, b);
        } else if (change instanceof RegistryChange.AvailabilityChanged a) {
            b.publishAvailability(RegistryPayloads.availability(a.device().availability()));
            registryChanged();
        } else {
            registryChanged();
        }
    }

    @Override
    public void eventTriggered(String deviceId, DeviceEvent.EventTriggered event) {
        if (bridge.isEmpty()) return;
        Optional<DeviceRecord> d = registry.find(deviceId);
        filter.filter(deviceId, d.flatMap(r -> models.find(r.model())), event).ifPresent(t -> {
            bridge.get().publishTelemetry(TelemetryPayloads.telemetry(t, ids.next()));
            counters.telemetryOut();
        });
    }

    /** Rooms, names, assignments or shares changed: publish the registry topic soon, once. */
    public void registryChanged() {
        if (bridge.isEmpty() || !registryPending.compareAndSet(false, true)) return;
        scheduler.schedule(REGISTRY_DEBOUNCE, () -> {
            registryPending.set(false);
            bridge.ifPresent(b -> b.publishRegistry(registryPayload()));
        });
    }

    private CloudPayload<dev.hearth.protocols.cloud.v1.Registry> registryPayload() {
        return payloads.registry(registry.all(), rooms.list(), shares.all(), clock.instant());
    }

    private void stateChanged(DeviceRecord d, CloudBridge b) {
        synchronized (stateWindows) {
            if (stateWindows.containsKey(d.id())) {
                stateWindows.put(d.id(), true);
                return;
            }
            stateWindows.put(d.id(), false);
            state(d).ifPresent(b::publishState);
        }
        scheduler.schedule(STATE_WINDOW, () -> closeStateWindow(d.id()));
    }

    /** Publishes the latest state if the device changed during its window, and opens the next one. */
    private void closeStateWindow(String deviceId) {
        synchronized (stateWindows) {
            if (!Boolean.TRUE.equals(stateWindows.remove(deviceId))) return;
            stateWindows.put(deviceId, false);
            // under the lock: a change published at once by another thread cannot overtake this one
            bridge.ifPresent(b -> registry.find(deviceId).flatMap(this::state).ifPresent(b::publishState));
        }
        scheduler.schedule(STATE_WINDOW, () -> closeStateWindow(deviceId));
    }

    private Optional<CloudPayload<DeviceState>> state(DeviceRecord d) {
        if (d.state().isEmpty()) return Optional.empty();
        return filter.filter(d.id(), models.find(d.model()), new DeviceEvent.StateReported(d.state(), d.lastSeen()))
                .map(TelemetryPayloads::state);
    }

    // --- RetainedSnapshot: what the bridge re-publishes on every (re)connect -----------------

    @Override
    public List<CloudPayload<Availability>> availabilities() {
        List<CloudPayload<Availability>> out = new ArrayList<>();
        for (DeviceRecord d : registry.all()) out.add(RegistryPayloads.availability(d.availability()));
        return out;
    }

    @Override
    public List<CloudPayload<DeviceState>> states() {
        List<CloudPayload<DeviceState>> out = new ArrayList<>();
        for (DeviceRecord d : registry.all()) state(d).ifPresent(out::add);
        return out;
    }

    @Override
    public Optional<CloudPayload<dev.hearth.protocols.cloud.v1.Registry>> registry() {
        return Optional.of(registryPayload());
    }
}
