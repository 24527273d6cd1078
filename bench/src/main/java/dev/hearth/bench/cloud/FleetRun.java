package dev.hearth.bench.cloud;

import dev.hearth.config.Secret;
import dev.hearth.core.GatewaySchemas;
import dev.hearth.core.cloud.BridgeSettings;
import dev.hearth.core.cloud.CloudBridge;
import dev.hearth.core.cloud.CloudTopics;
import dev.hearth.core.cloud.CommandGateSettings;
import dev.hearth.core.cloud.OutboxLimits;
import dev.hearth.core.cloud.command.Authorization;
import dev.hearth.core.devices.CommandResult;
import dev.hearth.core.storage.Database;
import dev.hearth.driver.api.Backoff;
import dev.hearth.driver.api.SystemScheduler;
import dev.hearth.protocols.cloud.v1.Telemetry;
import dev.hearth.testkit.fleet.FleetHome;
import dev.hearth.testkit.fleet.HomeRules;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** One broker setup of {@link FleetBench}: start the fleet, load it, maybe kill a node, drain, report. */
final class FleetRun {
    /** A node to kill halfway, and its URI (gateways are back when none is on it). */
    record Kill(Runnable action, URI node) { }

    private static final int TICKS_PER_SECOND = 20;

    private final String label;
    private final HomeRules rules;
    private final String cloudPassword;
    private final int devices;
    private final URI cloudNode;
    private final List<List<URI>> orders;
    private final Path dir;
    private final BrokerUsage usage;

    private final ConcurrentHashMap<Long, Long> pending = new ConcurrentHashMap<>();
    private final Set<Long> seen = ConcurrentHashMap.newKeySet();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private long[] latencies = new long[0];
    private final AtomicInteger latencyCount = new AtomicInteger();
    private volatile boolean probeSeen;

    FleetRun(String label, HomeRules rules, String cloudPassword, int devices, URI cloudNode, List<List<URI>> orders, Path dir, BrokerUsage usage) {
        this.label = label;
        this.rules = rules;
        this.cloudPassword = cloudPassword;
        this.devices = devices;
        this.cloudNode = cloudNode;
        this.orders = orders;
        this.dir = dir;
        this.usage = usage;
    }

    private static long key(int gateway, long id) {
        return ((long) gateway << 40) | id;
    }

    void run(int seconds, Optional<Kill> kill) throws Exception {
        Files.createDirectories(dir);
        List<FleetHome> homes = rules.homes().stream().sorted(java.util.Comparator.comparing(FleetHome::gateway)).toList();
        int gateways = homes.size();
        latencies = new long[(int) Math.min(Integer.MAX_VALUE - 8, (long) gateways * devices * (seconds + 30))];
        MqttAsyncClient cloud = cloud();
        probe(homes.get(gateways > 1 ? 1 : 0), orders.get(gateways > 1 ? 1 : 0).get(0));

        var scheduler = new SystemScheduler("fleet-bench");
        BenchPayloads payloads = new BenchPayloads(devices);
        List<CloudBridge> bridges = new ArrayList<>();
        List<Database> dbs = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int g = 0; g < gateways; g++) {
            FleetHome h = homes.get(g);
            var topics = CloudTopics.of(h.home(), h.gateway());
            Database db = GatewaySchemas.open(dir.resolve(h.gateway() + ".db"));
            dbs.add(db);
            bridges.add(CloudBridge.builder()
                    .settings(BridgeSettings.plain(orders.get(g).get(0), h.gateway(), topics).withBrokers(orders.get(g))
                            .withCredentials(h.gateway(), Secret.of(h.password()))
                            .withReconnect(new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5), 2.0, 0.5)))
                    .commandGate(CommandGateSettings.defaults(h.home(), h.gateway(), List.of()))
                    .authorizer(c -> new Authorization.Denied("bench", "this bench runs no commands"))
                    .outboxLimits(OutboxLimits.defaults())
                    .database(db)
                    .deviceCommands((d, c) -> CompletableFuture.completedFuture(new CommandResult.Rejected(CommandResult.Rejection.UNKNOWN_DEVICE, d)))
                    .scheduler(scheduler)
                    .replyFilter(BenchPayloads.replyFilter())
                    .start());
        }
        long created = System.nanoTime() - t0;
        long online = awaitAll(bridges, Optional.empty(), 300);
        System.out.printf("%n[%s]%n  connect storm: %d gateways built (outbox files opened) in %.2f s, all online %.2f s after the start%n",
                label, gateways, created / 1e9, (created + online) / 1e9);

        long[] next = new long[gateways];
        int pairs = gateways * devices;
        var ticker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "fleet-load"));
        AtomicLong sent = new AtomicLong();
        AtomicInteger tick = new AtomicInteger();
        Runnable oneTick = () -> {
            int k = tick.getAndIncrement() % TICKS_PER_SECOND;
            for (int p = k * pairs / TICKS_PER_SECOND; p < (k + 1) * pairs / TICKS_PER_SECOND; p++) {
                int g = p / devices;
                int d = p % devices;
                long id = next[g]++ * devices + d + 1; // id % devices picks the device's payload
                pending.put(key(g, id), System.nanoTime());
                bridges.get(g).publishTelemetry(payloads.telemetry(id));
                sent.incrementAndGet();
            }
        };
        long loadStart = System.nanoTime();
        long cpuLoad0 = usage.cpuNanos();
        ticker.scheduleAtFixedRate(oneTick, 0, 1000 / TICKS_PER_SECOND, java.util.concurrent.TimeUnit.MILLISECONDS);
        long back = -1;
        long deliveredBeforeKill = 0;
        long half = loadStart + seconds * 1_000_000_000L / 2;
        if (kill.isPresent()) {
            while (System.nanoTime() < half) LockSupport.parkNanos(10_000_000);
            deliveredBeforeKill = delivered.get();
            long k0 = System.nanoTime();
            kill.get().action().run();
            awaitAll(bridges, Optional.of(kill.get().node().toString()), 300);
            back = System.nanoTime() - k0;
            System.out.printf("  node killed at %.1f s: all %d gateways back online on the other node %.2f s later%n",
                    (k0 - loadStart) / 1e9, gateways, back / 1e9);
        }
        long end = loadStart + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) LockSupport.parkNanos(10_000_000);
        // not shutdownNow: an interrupted enqueue is refused, and its id would count as lost
        ticker.shutdown();
        ticker.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        long loadEnd = System.nanoTime();
        long cpuLoad1 = usage.cpuNanos();
        long deliveredAtEnd = delivered.get();
        long drainDeadline = System.nanoTime() + 120_000_000_000L;
        while (!pending.isEmpty() && System.nanoTime() < drainDeadline) LockSupport.parkNanos(20_000_000);
        double wall = (loadEnd - loadStart) / 1e9;

        long[] lat = Arrays.copyOf(latencies, Math.min(latencyCount.get(), latencies.length));
        Arrays.sort(lat);
        System.out.printf("  offered %,d msg (%.0f msg/s); delivered to the cloud subscriber during the load %,d (%.0f msg/s)%n",
                sent.get(), sent.get() / wall, deliveredAtEnd, deliveredAtEnd / wall);
        System.out.printf("  latency bridge enqueue -> cloud subscriber (all %,d): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", lat.length,
                BenchClients.percentile(lat, 50) / 1e6, BenchClients.percentile(lat, 99) / 1e6, lat.length == 0 ? 0 : lat[lat.length - 1] / 1e6);
        System.out.printf("  lost (never delivered, 120 s drain): %,d; duplicates: %,d%n", pending.size(), duplicates.get());
        System.out.printf("  broker CPU during the load: %.1f %% of one core (%s); broker memory: %s%n",
                100.0 * (cpuLoad1 - cpuLoad0) / (loadEnd - loadStart), usage instanceof BrokerUsage.InJvm ? "its threads in this JVM" : "its process",
                usage.memory());
        System.gc();
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        System.out.printf("  JVM heap after GC: %.1f MB used (%d gateways%s), %d threads; load average %.1f%n", heap.getUsed() / 1e6, gateways,
                usage instanceof BrokerUsage.InJvm ? " and the broker" : "", Thread.activeCount(), FleetBench.load());
        if (kill.isPresent()) System.out.printf("  delivered before the kill %,d%n", deliveredBeforeKill);

        ExecutorService closer = Executors.newFixedThreadPool(16);
        for (CloudBridge b : bridges) closer.execute(b::abort);
        closer.shutdown();
        closer.awaitTermination(120, java.util.concurrent.TimeUnit.SECONDS);
        dbs.forEach(Database::close);
        scheduler.close();
        BenchClients.close(cloud);
    }

    /** Nanoseconds until every bridge is connected (and, after a kill, on another node than {@code not}). */
    private static long awaitAll(List<CloudBridge> bridges, Optional<String> not, int timeoutSeconds) {
        long t0 = System.nanoTime();
        long deadline = t0 + timeoutSeconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (CloudBridge b : bridges) {
                var s = b.linkStatus();
                if (!s.connected() || not.map(n -> n.equals(s.broker())).orElse(false)) {
                    all = false;
                    break;
                }
            }
            if (all) return System.nanoTime() - t0;
            LockSupport.parkNanos(5_000_000);
        }
        throw new IllegalStateException("not every gateway came online within " + timeoutSeconds + " s");
    }

    /** The cloud service: every home's telemetry, on one node. */
    private MqttAsyncClient cloud() throws MqttException {
        var c = new MqttAsyncClient(cloudNode.toString(), "fleet-cloud-" + System.nanoTime(), new MemoryPersistence());
        c.setCallback(new MqttCallback() {
            @Override public void messageArrived(String topic, MqttMessage m) { arrived(topic, m.getPayload()); }
            @Override public void disconnected(MqttDisconnectResponse r) { }
            @Override public void mqttErrorOccurred(MqttException e) { }
            @Override public void deliveryComplete(IMqttToken t) { }
            @Override public void connectComplete(boolean reconnect, String u) { }
            @Override public void authPacketArrived(int code, MqttProperties p) { }
        });
        var o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setUserName(rules.cloudUser());
        o.setPassword(cloudPassword.getBytes(StandardCharsets.UTF_8));
        o.setReceiveMaximum(65535);
        c.connect(o).waitForCompletion(10_000);
        c.subscribe("hearth/v1/#", 1).waitForCompletion(10_000);
        return c;
    }

    private void arrived(String topic, byte[] payload) {
        if (topic.endsWith("/probe")) {
            probeSeen = true;
            return;
        }
        if (!topic.endsWith("/telemetry")) return;
        long now = System.nanoTime();
        String[] levels = topic.split("/");
        int g = Integer.parseInt(levels[3].substring(3));
        long id;
        try {
            id = Telemetry.parseFrom(payload).getId();
        } catch (Exception e) {
            return;
        }
        long k = key(g, id);
        if (!seen.add(k)) {
            duplicates.incrementAndGet();
            return;
        }
        delivered.incrementAndGet();
        Long at = pending.remove(k);
        if (at != null) {
            int i = latencyCount.getAndIncrement();
            if (i < latencies.length) latencies[i] = now - at;
        }
    }

    /** Waits until a message published on {@code node} with gateway {@code h}'s credentials reaches the cloud: the cluster's bindings are in place. */
    private void probe(FleetHome h, URI node) throws Exception {
        var c = new MqttAsyncClient(node.toString(), "fleet-probe-" + System.nanoTime(), new MemoryPersistence());
        var o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setUserName(h.gateway());
        o.setPassword(h.password().getBytes(StandardCharsets.UTF_8));
        c.connect(o).waitForCompletion(10_000);
        String topic = CloudTopics.of(h.home(), h.gateway()).root() + "/probe";
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!probeSeen && System.nanoTime() < deadline) {
            c.publish(topic, new MqttMessage(new byte[] {1}, 1, false, null)).waitForCompletion(5_000);
            LockSupport.parkNanos(200_000_000);
        }
        BenchClients.close(c);
        if (!probeSeen) throw new IllegalStateException("the cloud subscriber never saw a message from " + node);
    }
}
