package dev.hearth.core.cloud;

import dev.hearth.core.privacy.TestPayloads;
import dev.hearth.protocols.cloud.v1.Property;
import dev.hearth.protocols.cloud.v1.Telemetry;
import dev.hearth.protocols.cloud.v1.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes telemetry at a steady rate through a bridge: every tick, one message per device, with
 * increasing Telemetry.id. Records what it produced and the largest outbox it saw.
 */
final class TelemetryProducer implements AutoCloseable {
    private final CloudBridge bridge;
    private final List<String> devices;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<String, List<Long>> produced = new TreeMap<>();
    private volatile int maxHeld;

    TelemetryProducer(CloudBridge bridge, int deviceCount) {
        this.bridge = bridge;
        this.devices = new ArrayList<>();
        for (int i = 1; i <= deviceCount; i++) {
            devices.add("dev" + i);
            produced.put("dev" + i, new ArrayList<>());
        }
    }

    /** Starts producing one message per device every {@code periodMs}. */
    void start(long periodMs) {
        timer.scheduleAtFixedRate(this::tick, 0, periodMs, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        for (String d : devices) {
            long id = nextId.getAndIncrement();
            bridge.publishTelemetry(TestPayloads.telemetry(Telemetry.newBuilder().setDevice(d).setId(id).setAtMs(System.currentTimeMillis())
                    .addChanges(Property.newBuilder().setKey("2.1").setValue(Value.newBuilder().setIntValue(id))).build()));
            synchronized (produced) {
                produced.get(d).add(id);
            }
        }
        maxHeld = Math.max(maxHeld, bridge.outboxStats().held());
    }

    long producedCount() {
        return nextId.get() - 1;
    }

    Map<String, List<Long>> produced() {
        synchronized (produced) {
            var copy = new TreeMap<String, List<Long>>();
            produced.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            return copy;
        }
    }

    int maxHeld() {
        return maxHeld;
    }

    void stop() {
        timer.shutdown();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
