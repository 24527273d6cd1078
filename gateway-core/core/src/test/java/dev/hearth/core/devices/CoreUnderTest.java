package dev.hearth.core.devices;

import dev.hearth.core.GatewaySchemas;
import dev.hearth.core.discovery.Adoption;
import dev.hearth.core.discovery.DiscoveryInbox;
import dev.hearth.core.discovery.DiscoverySettings;
import dev.hearth.core.discovery.MdnsDiscovery;
import dev.hearth.core.online.Availability;
import dev.hearth.config.FlapDamping;
import dev.hearth.core.online.OnlineTracker;
import dev.hearth.core.registry.Registry;
import dev.hearth.core.storage.Database;
import dev.hearth.driver.api.SystemScheduler;
import dev.hearth.driver.api.DeviceDriver;
import dev.hearth.driver.api.DriverContext;
import dev.hearth.driver.api.DriverSettings;
import dev.hearth.driver.api.SecretStore;
import dev.hearth.driver.api.model.ModelCatalog;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The gateway core as the composition root will assemble it (discovery, adoption, sessions,
 * registry, online tracking) on real time, a real SQLite file and real jmdns, with short timings.
 * Records every published availability per device.
 */
final class CoreUnderTest implements AutoCloseable {
    static final Duration HEARTBEAT = Duration.ofMillis(300);
    static final int HEARTBEAT_MISSES = 3;
    static final FlapDamping ONLINE = new FlapDamping(4, Duration.ofSeconds(10), Duration.ofSeconds(3));

    final SystemScheduler scheduler = new SystemScheduler("core-it-scheduler");
    final DeviceEventWorkers workers = new DeviceEventWorkers(2);
    final CounterTally counters = new CounterTally();
    final Map<String, List<Availability>> history = new ConcurrentHashMap<>();
    final Database db;
    final Registry registry;
    final PersistentDriverState driverState;
    final OnlineTracker tracker;
    final DiscoveryInbox inbox;
    final SessionTable sessions;
    final Adoption adoption;
    final MdnsDiscovery discovery;

    /** How often discovery re-queries in these tests (60 s in production). */
    static final Duration REQUERY = Duration.ofSeconds(3);
    /** Short claim, goodbye and retry times, so the tests see every outcome in seconds. */
    // the goodbye window covers a miIO device's probe (1 s polls, three pings) with room for a loaded machine
    static final SessionSettings SESSIONS = new SessionSettings(Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(2), Duration.ofMinutes(1));

    CoreUnderTest(Path dbFile, SecretStore secrets, InetAddress mdnsAddress) throws IOException {
        this(dbFile, secrets, mdnsAddress, Map.of());
    }

    /** {@code driverOptions} are added to the drivers' options (e.g. miio.* timings). */
    CoreUnderTest(Path dbFile, SecretStore secrets, InetAddress mdnsAddress, Map<String, String> driverOptions) throws IOException {
        Clock clock = Clock.systemUTC();
        db = GatewaySchemas.open(dbFile);
        registry = new Registry(db, clock, scheduler, Duration.ofMillis(500));
        tracker = new OnlineTracker(clock, scheduler, ONLINE);
        tracker.addListener(registry);
        tracker.addListener(a -> history.computeIfAbsent(a.deviceId(), k -> new CopyOnWriteArrayList<>()).add(a));
        inbox = new DiscoveryInbox(clock);
        ClassLoader cl = getClass().getClassLoader();
        List<DeviceDriver> drivers = InstalledDrivers.load(cl);
        DriverSettings settings = new DriverSettings(HEARTBEAT_MISSES, Duration.ofSeconds(2), Duration.ofMillis(200),
                Duration.ofSeconds(1), withDefaults(driverOptions));
        driverState = new PersistentDriverState(db, scheduler, counters, 64);
        DriverContext context = new DriverContext(clock, scheduler, secrets, ModelCatalog.fromClasspath(cl), settings, counters,
                driverState);
        sessions = new SessionTable(drivers, context, registry, tracker, inbox, ReportGate.strict(context.models()), SESSIONS,
                new DeviceEventLanes(workers, 256, 4096, why -> counters.increment("device_events_dropped", why)));
        adoption = new Adoption(registry, secrets, inbox, sessions, List.of(), counters);
        discovery = new MdnsDiscovery(new DiscoverySettings(List.of(mdnsAddress), "hearth-gateway", List.of(), REQUERY), drivers,
                adoption, counters, scheduler);
        tracker.addListener(a -> {
            if (a.status() == dev.hearth.core.online.OnlineStatus.OFFLINE) discovery.requeryNow();
        });
        sessions.start();
        adoption.start();
        discovery.start();
    }

    private static Map<String, String> withDefaults(Map<String, String> options) {
        Map<String, String> all = new java.util.HashMap<>(Map.of("native.handshakeTimeoutMs", "1500"));
        all.putAll(options);
        return all;
    }

    List<Availability> history(String deviceId) {
        return history.getOrDefault(deviceId, List.of());
    }

    @Override
    public void close() {
        discovery.close();
        sessions.stop();
        workers.close();
        registry.close();
        driverState.close();
        db.close();
        scheduler.close();
    }
}
