package dev.hearth.bench.miio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.hearth.driver.api.DeviceEvent;
import dev.hearth.driver.api.DeviceSecret;
import dev.hearth.driver.api.DiscoveredDevice;
import dev.hearth.driver.api.DriverContext;
import dev.hearth.driver.api.DriverCounters;
import dev.hearth.driver.api.DriverSettings;
import dev.hearth.driver.api.Scheduler;
import dev.hearth.driver.api.model.ModelCatalog;
import dev.hearth.driver.miio.MiioDriver;
import dev.hearth.driver.miio.MiioSession;
import dev.hearth.protocols.miio.MiioRpcMessage;
import dev.hearth.simulator.miio.SimulatedMiioDevice;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A Hearth miIO driver with one online session to the simulated fan, and two ways of timing get_prop. */
final class HearthRig implements AutoCloseable {
    private final ScheduledExecutorService timer;
    private final MiioDriver driver;
    private final MiioSession session;
    private final JsonNode params = JsonNodeFactory.instance.arrayNode().add("power");

    private HearthRig(ScheduledExecutorService timer, MiioDriver driver, MiioSession session) {
        this.timer = timer;
        this.driver = driver;
        this.session = session;
    }

    static HearthRig open(SimulatedMiioDevice fan, boolean nativeTransport) throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        Scheduler scheduler = (delay, task) -> {
            var f = timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        };
        MiioDriver driver = new MiioDriver();
        // polling and probing far apart, so only the measured calls are on the wire
        driver.start(new DriverContext(Clock.systemUTC(), scheduler,
                id -> id.equals(fan.gatewayDeviceId()) ? Optional.of(new DeviceSecret(fan.token().bytes())) : Optional.empty(),
                ModelCatalog.fromClasspath(HearthRig.class.getClassLoader()),
                new DriverSettings(3, Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofSeconds(1),
                        Map.of("miio.pollInterval", "PT1H", "miio.probeInitial", "PT1H", "miio.probeMax", "PT1H",
                                "miio.bindAddress", "127.0.0.1", "miio.nativeTransport", Boolean.toString(nativeTransport))),
                DriverCounters.NONE, dev.hearth.driver.api.DriverState.inMemory()));
        CompletableFuture<Void> online = new CompletableFuture<>();
        MiioSession session = (MiioSession) driver.open(new DiscoveredDevice(fan.gatewayDeviceId(), "miio", fan.model(),
                fan.address(), Map.of("did", Long.toString(fan.deviceId()))), e -> {
                    if (e instanceof DeviceEvent.CameOnline) online.complete(null);
                });
        try {
            online.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            session.close();
            driver.stop();
            timer.shutdownNow();
            throw e;
        }
        return new HearthRig(timer, driver, session);
    }

    /**
     * Each call is sent from the previous call's completion, on the driver's I/O thread — an
     * asynchronous client, as npm miio's single-threaded event loop is. Time from {@code call} to
     * its completion callback.
     */
    long[] chainedOnLoop(int warmup, int count) throws Exception {
        long[] nanos = new long[count];
        CompletableFuture<Void> done = new CompletableFuture<>();
        new Object() {
            int i = -warmup;

            void next() {
                long t0 = System.nanoTime();
                session.call("get_prop", params).whenComplete((r, e) -> {
                    long elapsed = System.nanoTime() - t0;
                    if (e != null || !(r instanceof MiioRpcMessage.Result)) {
                        done.completeExceptionally(new IllegalStateException("get_prop failed: " + (e != null ? e : r)));
                        return;
                    }
                    if (i >= 0) nanos[i] = elapsed;
                    if (++i < count) next();
                    else done.complete(null);
                });
            }
        }.next();
        done.get(10, TimeUnit.MINUTES);
        return nanos;
    }

    /** The calling thread sends each call and blocks on its future: two more thread hand-offs per call. */
    long[] blockingCaller(int warmup, int count) throws Exception {
        long[] nanos = new long[count];
        for (int i = -warmup; i < count; i++) {
            long t0 = System.nanoTime();
            MiioRpcMessage.Reply r = session.call("get_prop", params).toCompletableFuture().get(5, TimeUnit.SECONDS);
            if (!(r instanceof MiioRpcMessage.Result)) throw new IllegalStateException("device refused get_prop: " + r);
            if (i >= 0) nanos[i] = System.nanoTime() - t0;
        }
        return nanos;
    }

    @Override
    public void close() {
        session.close();
        driver.stop();
        timer.shutdownNow();
    }
}
