package dev.hearth.bench.cloud;

import dev.hearth.core.cloud.command.Authorization;
import dev.hearth.core.cloud.command.Authorizer;
import dev.hearth.core.cloud.BridgeSettings;
import dev.hearth.core.cloud.CloudBridge;
import dev.hearth.core.cloud.CloudTopics;
import dev.hearth.core.cloud.CommandGateSettings;
import dev.hearth.driver.api.SystemScheduler;
import dev.hearth.config.TrustedKey;
import dev.hearth.core.cloud.command.CommandClient;
import dev.hearth.protocols.cloud.CommandSigner;
import dev.hearth.core.devices.CommandResult;
import dev.hearth.core.cloud.command.Ed25519KeyFiles;
import dev.hearth.core.GatewaySchemas;
import dev.hearth.core.storage.Database;
import dev.hearth.driver.api.CommandOutcome;
import dev.hearth.protocols.cloud.v1.CommandReply;
import dev.hearth.protocols.cloud.v1.Property;
import dev.hearth.protocols.cloud.v1.SetPropertiesOp;
import dev.hearth.protocols.cloud.v1.SignedCommand;
import dev.hearth.protocols.cloud.v1.Value;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * Command round trip, publish -> reply received, at a fixed rate: (a) the bridge: a signed
 * set_properties command -> Mosquitto -> bridge (verify, gate) -> a DeviceCommands stub answering
 * at once -> reply through the outbox -> Mosquitto -> the requester; (b) the baseline: a bare Paho
 * echo client answering a request of the same size on its response topic with the correlation
 * data. Signing happens before the clock starts (it is the cloud's cost, measured apart).
 *
 * <p>Usage: CommandRoundTripBench [seconds-per-rate=10]
 */
public final class CommandRoundTripBench {
    /** Allows every command: this bench measures the transport and the gate, never a gateway's rules. */
    private static final Authorizer BENCH_ALLOWS_EVERY_COMMAND = c -> Authorization.allowed();

    private CommandRoundTripBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        KeyPair key = Ed25519KeyFiles.generate();
        var topics = CloudTopics.of("bench", "gw-rt");
        var signer = new CommandSigner("bench", key.getPrivate(), Clock.systemUTC(), new SecureRandom(), Duration.ofSeconds(60));
        try (var broker = new BenchMosquitto(); var scheduler = new SystemScheduler("bench");
             var db = GatewaySchemas.open(Files.createTempDirectory("hearth-bench-rt-").resolve("hearth.db"))) {
            CloudBridge bridge = CloudBridge.builder()
                    .settings(BridgeSettings.plain(URI.create(broker.uri()), "gw-rt", topics))
                    .commandGate(CommandGateSettings.defaults("bench", topics.gateway(), List.of(TrustedKey.ofBase64("bench", Ed25519KeyFiles.publicKeyBase64(key)))))
                    // the bench measures the transport and the gate, not the sharing rules
                    .authorizer(BENCH_ALLOWS_EVERY_COMMAND)
                    .database(db)
                    .deviceCommands((d, c) -> CompletableFuture.completedFuture(new CommandResult.Completed(
                            new CommandOutcome(List.of(new CommandOutcome.Item("2.1", 0, "", Optional.empty()))))))
                    .scheduler(scheduler)
                    .replyFilter(BenchPayloads.replyFilter())
                    .start();
            while (!bridge.linkStatus().connected()) LockSupport.parkNanos(1_000_000);
            int size = sign(signer).getSerializedSize();
            System.out.printf("nproc=%d command=%d bytes, %d s per rate%n", Runtime.getRuntime().availableProcessors(), size, seconds);
            long signStart = System.nanoTime();
            for (int i = 0; i < 1000; i++) sign(signer);
            System.out.printf("signing (cloud side, not in the round trip): %.1f us/command%n", (System.nanoTime() - signStart) / 1000 / 1e3);

            try (var client = CommandClient.connect(URI.create(broker.uri()), Optional.empty(), topics, Duration.ofSeconds(10));
                 var echo = new EchoRoundTrip(broker.uri(), size)) {
                for (int warm = 0; warm < 200; warm++) client.send(sign(signer)).get(5, TimeUnit.SECONDS);
                echo.measure(20, 200);
                for (int rate : new int[] {10, 100}) {
                    int count = rate * seconds;
                    long[] bare = echo.measure(rate, count);
                    SignedCommand[] commands = new SignedCommand[count];
                    for (int i = 0; i < count; i++) commands[i] = sign(signer);
                    long[] viaBridge = bridgeRun(client, commands, rate);
                    report("bare MQTT request/echo", rate, bare);
                    report("signed command via bridge", rate, viaBridge);
                    System.out.printf("  added at p50: %.2f ms, at p99: %.2f ms%n",
                            (BenchClients.percentile(viaBridge, 50) - BenchClients.percentile(bare, 50)) / 1e6,
                            (BenchClients.percentile(viaBridge, 99) - BenchClients.percentile(bare, 99)) / 1e6);
                }
            }
            bridge.close();
        }
    }

    private static SignedCommand sign(CommandSigner signer) {
        return signer.sign(signer.newBody("u1", "bench", "gw-rt", "lamp").setSetProperties(SetPropertiesOp.newBuilder()
                .addValues(Property.newBuilder().setKey("2.1").setValue(Value.newBuilder().setBoolValue(true)))).build());
    }

    static void report(String what, int rate, long[] nanos) {
        System.out.printf("%-28s %3d/s n=%d p50 %.2f ms p99 %.2f ms max %.2f ms%n", what, rate, nanos.length,
                BenchClients.percentile(nanos, 50) / 1e6, BenchClients.percentile(nanos, 99) / 1e6, nanos[nanos.length - 1] / 1e6);
    }

    /** Sends {@code count} commands at {@code rate}/s; the sorted round trips of replies with status OK, in ns. */
    static long[] bridgeRun(CommandClient client, SignedCommand[] commands, int rate) throws Exception {
        int count = commands.length;
        long[] rtt = new long[count];
        var done = new CountDownLatch(count);
        var next = new AtomicInteger();
        var failures = new ConcurrentHashMap<String, AtomicInteger>();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        timer.scheduleAtFixedRate(() -> {
            int i = next.getAndIncrement();
            if (i >= count) return;
            long t0 = System.nanoTime();
            try {
                client.send(commands[i]).whenComplete((CommandReply r, Throwable e) -> {
                    boolean ok = e == null && r.getStatus() == CommandReply.Status.OK;
                    rtt[i] = ok ? System.nanoTime() - t0 : Long.MAX_VALUE;
                    if (!ok) failures.computeIfAbsent(e != null ? e.toString() : r.getStatus() + " " + r.getReasonCode() + ": " + r.getMessage(),
                            k -> new AtomicInteger()).incrementAndGet();
                    done.countDown();
                });
            } catch (Exception e) {
                rtt[i] = Long.MAX_VALUE;
                failures.computeIfAbsent(e.toString(), k -> new AtomicInteger()).incrementAndGet();
                done.countDown();
            }
        }, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
        if (!done.await(count / rate + 30, TimeUnit.SECONDS)) throw new IllegalStateException("replies missing");
        timer.shutdown();
        Arrays.sort(rtt);
        if (rtt[count - 1] == Long.MAX_VALUE) throw new IllegalStateException("some commands failed: " + failures);
        return rtt;
    }
}
