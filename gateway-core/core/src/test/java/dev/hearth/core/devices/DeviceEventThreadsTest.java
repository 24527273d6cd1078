package dev.hearth.core.devices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.GatewaySchemas;
import dev.hearth.core.discovery.DiscoveryInbox;
import dev.hearth.config.FlapDamping;
import dev.hearth.core.online.OnlineTracker;
import dev.hearth.core.registry.Registry;
import dev.hearth.core.registry.RegistryChange;
import dev.hearth.core.storage.Database;
import dev.hearth.testkit.ManualClock;
import dev.hearth.testkit.ManualScheduler;
import dev.hearth.driver.api.DeviceEvent;
import dev.hearth.driver.api.DiscoveredDevice;
import dev.hearth.driver.api.DriverContext;
import dev.hearth.driver.api.DriverSettings;
import dev.hearth.driver.api.model.Access;
import dev.hearth.driver.api.model.ArgSpec;
import dev.hearth.driver.api.model.DataClass;
import dev.hearth.driver.api.model.DeviceModel;
import dev.hearth.driver.api.model.EventSpec;
import dev.hearth.driver.api.model.ModelCatalog;
import dev.hearth.driver.api.model.PropertySpec;
import dev.hearth.driver.api.model.Range;
import dev.hearth.driver.api.model.ServiceSpec;
import dev.hearth.driver.api.model.ValueType;
import dev.hearth.driver.api.value.Value;
import io.netty.channel.DefaultEventLoop;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Device events reported on a Netty event loop (as the native driver does) are handled on the
 * core's device-event workers, each device's in the order it reported them (DESIGN.md section 12).
 * A Netty {@link DefaultEventLoop} stands in for the driver's I/O thread: no sockets.
 */
class DeviceEventThreadsTest {
    private static final int DEVICES = 4;
    private static final int EVENTS = 2_000;

    private final ManualClock clock = new ManualClock();
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final FakeDriver driver = new FakeDriver();
    private final CounterTally counters = new CounterTally();
    private DeviceEventLanes lanes;
    private final DefaultEventLoop ioLoop = new DefaultEventLoop();
    private final DeviceEventWorkers workers = new DeviceEventWorkers(2);
    @TempDir Path dir;
    private Database db;
    private Registry registry;
    private SessionTable table;

    @BeforeEach
    void start() {
        db = GatewaySchemas.open(dir.resolve("hearth.db"));
        registry = new Registry(db, clock, scheduler, Duration.ofSeconds(1));
        OnlineTracker tracker = new OnlineTracker(clock, scheduler, new FlapDamping(5, java.time.Duration.ofMinutes(1), java.time.Duration.ofMinutes(1)));
        tracker.addListener(registry);
        DriverContext context = new DriverContext(clock, scheduler, id -> Optional.empty(), new ModelCatalog(List.of(counter())),
                DriverSettings.defaults(), counters, dev.hearth.driver.api.DriverState.inMemory());
        // room for every event of the test: this test is about order and threads, not the flood policy
        table = new SessionTable(List.of(driver), context, registry, tracker, new DiscoveryInbox(clock),
                ReportGate.strict(context.models()), SessionSettings.defaults(),
                lanes = new DeviceEventLanes(workers, 2 * EVENTS, DEVICES * 2 * EVENTS, why -> counters.increment("dropped", why)));
        table.start();
    }

    @AfterEach
    void stop() {
        table.stop();
        workers.close();
        ioLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        registry.close();
        db.close();
    }

    /** Model "counter": 2.1 n (int 0..1,000,000), event 3.1 with n. */
    private static DeviceModel counter() {
        return new DeviceModel("counter", "fake", "test model", Map.of(), List.of(
                new ServiceSpec(2, "count", List.of(
                        new PropertySpec(1, "n", ValueType.INT, Optional.empty(), Optional.of(new Range(0, 1_000_000, 1)),
                                Set.of(Access.READ), DataClass.TELEMETRY, Optional.empty())), List.of(), List.of()),
                new ServiceSpec(3, "events", List.of(), List.of(),
                        List.of(new EventSpec(1, "tick", List.of(new ArgSpec("n", ValueType.INT, DataClass.TELEMETRY)))))));
    }

    @Test
    void reportsFromAnEventLoopAreHandledOffItOnTheDeviceWorkersInEachDevicesOrder() throws Exception {
        Map<String, List<Long>> states = new ConcurrentHashMap<>();
        Map<String, List<Long>> events = new ConcurrentHashMap<>();
        Set<Thread> handlers = ConcurrentHashMap.newKeySet();
        registry.addListener(change -> {
            if (change instanceof RegistryChange.StateChanged s) {
                handlers.add(Thread.currentThread());
                Value v = s.changed().get("2.1");
                states.computeIfAbsent(s.device().id(), k -> new CopyOnWriteArrayList<>()).add(((Value.Int) v).value());
            }
        });
        table.addEventListener((id, e) -> {
            handlers.add(Thread.currentThread());
            events.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(((Value.Int) e.args().get("n")).value());
        });
        for (int d = 0; d < DEVICES; d++) {
            table.open(new DiscoveredDevice("dev" + d, "fake", "counter", InetSocketAddress.createUnresolved("127.0.0.1", 7000 + d),
                    Map.of()));
        }
        // the "driver": every device's session reports on the one I/O loop, interleaved
        ioLoop.submit(() -> {
            for (int d = 0; d < DEVICES; d++) {
                driver.sessions.get("dev" + d).sink.accept(new DeviceEvent.CameOnline(1, Optional.empty(), clock.instant()));
            }
            for (int i = 1; i <= EVENTS; i++) {
                for (int d = 0; d < DEVICES; d++) {
                    var sink = driver.sessions.get("dev" + d).sink;
                    sink.accept(new DeviceEvent.StateReported(Map.of("2.1", Value.of(i)), clock.instant()));
                    sink.accept(new DeviceEvent.EventTriggered("3.1", Map.of("n", Value.of(i)), clock.instant()));
                }
            }
        }).get(30, TimeUnit.SECONDS);

        // parks between looks: a spinning test thread would take one of the two cores the workers need
        dev.hearth.testkit.Conditions.await("every report handled", Duration.ofSeconds(30),
                () -> allArrived(states) && allArrived(events),
                () -> "states " + counts(states) + ", events " + counts(events) + ", queued " + lanes.queued() + ", drops "
                        + counters.snapshot() + "\n" + dev.hearth.testkit.ThreadDump.of("hearth-", "nioEventLoop", "defaultEventLoop", "main"));
        List<Long> inOrder = java.util.stream.LongStream.rangeClosed(1, EVENTS).boxed().toList();
        for (int d = 0; d < DEVICES; d++) {
            assertThat(states.get("dev" + d)).as("dev%d's states", d).isEqualTo(inOrder);
            assertThat(events.get("dev" + d)).as("dev%d's events", d).isEqualTo(inOrder);
        }
        assertThat(handlers).isNotEmpty().allSatisfy(t -> {
            assertThat(ioLoop.inEventLoop(t)).as("handled on the I/O loop: %s", t.getName()).isFalse();
            assertThat(t.getName()).startsWith("hearth-device-");
        });
        assertThat(counters.count("dropped", "device_queue_full") + counters.count("dropped", "queue_full")).isZero();
    }

    private static boolean allArrived(Map<String, List<Long>> seen) {
        if (seen.size() < DEVICES) return false;
        return seen.values().stream().allMatch(l -> l.size() >= EVENTS);
    }

    private static Map<String, Integer> counts(Map<String, List<Long>> seen) {
        Map<String, Integer> out = new java.util.TreeMap<>();
        seen.forEach((id, list) -> out.put(id, list.size()));
        return out;
    }
}
