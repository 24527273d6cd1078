package dev.hearth.bench.cloud;

import dev.hearth.core.cloud.command.Authorization;
import dev.hearth.core.cloud.BridgeSettings;
import dev.hearth.core.cloud.CloudBridge;
import dev.hearth.core.cloud.CloudTopics;
import dev.hearth.core.cloud.CommandGateSettings;
import dev.hearth.core.cloud.OutboxLimits;
import dev.hearth.driver.api.SystemScheduler;
import dev.hearth.core.cloud.command.DeviceCommandResult;
import dev.hearth.core.storage.Database;
import dev.hearth.protocols.cloud.v1.Property;
import dev.hearth.protocols.cloud.v1.Telemetry;
import dev.hearth.protocols.cloud.v1.Value;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Telemetry throughput: (a) the floor, a bare Paho v5 QoS 1 publisher of pre-encoded payloads with
 * the same in-flight window, and (b) the bridge: Telemetry encode + durable outbox (SQLite WAL,
 * group commit) + publish; both to a Paho subscriber on the same Mosquitto, in the same run,
 * alternating. Rate = messages / (first publish -> last message at the subscriber).
 *
 * <p>Usage: TelemetryThroughputBench [messages=30000] [rounds=2]
 */
public final class TelemetryThroughputBench {
    private static final int WINDOW = 20; // Mosquitto's default receive maximum; the bridge gets the same from CONNACK

    private TelemetryThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        try (var broker = new BenchMosquitto()) {
            int size = telemetry("dev1", 1).getSerializedSize();
            System.out.printf("nproc=%d messages=%d payload=%d bytes window=%d%n", Runtime.getRuntime().availableProcessors(), n, size, WINDOW);
            for (int r = 1; r <= rounds; r++) {
                double floor = floor(broker.uri(), n, size, r);
                double bridge = bridge(broker.uri(), n, r);
                System.out.printf("round %d: floor %.0f msg/s, bridge %.0f msg/s, bridge/floor %.0f%%%n", r, floor, bridge, 100 * bridge / floor);
            }
        }
    }

    static Telemetry telemetry(String device, long id) {
        return Telemetry.newBuilder().setSchemaVersion(1).setDevice(device).setId(id).setAtMs(System.currentTimeMillis())
                .addChanges(Property.newBuilder().setKey("2.1").setValue(Value.newBuilder().setIntValue(id)))
                .addChanges(Property.newBuilder().setKey("3.1").setValue(Value.newBuilder().setStringValue("x".repeat(140))))
                .build();
    }

    private static void awaitCount(AtomicLong count, long n, long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        while (count.get() < n) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("only " + count.get() + " of " + n + " arrived");
            LockSupport.parkNanos(200_000);
        }
    }

    /** The bare publisher: {@code n} pre-encoded {@code size}-byte QoS 1 messages; messages/s as seen by a subscriber. */
    static double floor(String uri, int n, int size, int round) throws Exception {
        String topic = "bench/floor/" + round;
        var received = new AtomicLong();
        var last = new AtomicLong();
        MqttAsyncClient sub = BenchClients.connect(uri, "floor-sub-" + round, (t, m) -> {
            received.incrementAndGet();
            last.set(System.nanoTime());
        });
        sub.subscribe(topic, 1).waitForCompletion(10_000);
        MqttAsyncClient pub = BenchClients.connect(uri, "floor-pub-" + round, (t, m) -> { });
        byte[] payload = new byte[size];
        var window = new Semaphore(WINDOW);
        MqttActionListener release = new MqttActionListener() {
            @Override public void onSuccess(IMqttToken t) { window.release(); }
            @Override public void onFailure(IMqttToken t, Throwable e) { window.release(); }
        };
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            window.acquire();
            pub.publish(topic, new MqttMessage(payload, 1, false, null), null, release);
        }
        awaitCount(received, n, 120_000_000_000L);
        double rate = n / ((last.get() - start) / 1e9);
        BenchClients.close(pub);
        BenchClients.close(sub);
        return rate;
    }

    private static double bridge(String uri, int n, int round) throws Exception {
        Path dir = Files.createTempDirectory("hearth-bench-outbox-");
        var topics = CloudTopics.of("bench", "gw" + round);
        var received = new AtomicLong();
        var last = new AtomicLong();
        MqttAsyncClient sub = BenchClients.connect(uri, "bridge-sub-" + round, (t, m) -> {
            if (t.endsWith("/telemetry")) {
                received.incrementAndGet();
                last.set(System.nanoTime());
            }
        });
        sub.subscribe(topics.root() + "/devices/+/telemetry", 1).waitForCompletion(10_000);
        try (var scheduler = new SystemScheduler("bench"); var db = Database.open(dir.resolve("hearth.db"))) {
            CloudBridge bridge = CloudBridge.builder()
                    .settings(BridgeSettings.plain(URI.create(uri), "bench-gw-" + round, topics).withMaxInFlight(WINDOW))
                    .commandGate(CommandGateSettings.defaults("bench", topics.gateway(), List.of()))
                    // no trusted keys: no command can pass the gate, and this bench sends none
                    .authorizer(c -> new Authorization.Denied("bench", "this bench runs no commands"))
                    .outboxLimits(OutboxLimits.defaults())
                    .database(db)
                    .deviceCommands((d, c) -> CompletableFuture.completedFuture(new DeviceCommandResult.Failed(DeviceCommandResult.Failure.UNKNOWN_DEVICE, d)))
                    .scheduler(scheduler)
                    .replyFilter(BenchPayloads.replyFilter())
                    .start();
            BenchPayloads payloads = new BenchPayloads(5);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!bridge.linkStatus().connected() && System.nanoTime() < deadline) LockSupport.parkNanos(1_000_000);
            long start = System.nanoTime();
            for (int i = 1; i <= n; i++) {
                bridge.publishTelemetry(payloads.telemetry(i));
            }
            awaitCount(received, n, 120_000_000_000L);
            double rate = n / ((last.get() - start) / 1e9);
            bridge.close();
            BenchClients.close(sub);
            return rate;
        }
    }
}
