package dev.hearth.core.cloud;

import dev.hearth.core.privacy.TestPayloads;
import dev.hearth.protocols.cloud.v1.Telemetry;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small gateway process for the crash test: the bridge and its outbox on a given SQLite file,
 * enqueueing {@code count} telemetry messages (one every {@code periodMs}) and printing
 * "DURABLE id" once each is committed. It runs until killed.
 *
 * <p>Arguments: dataDir brokerUri gatewayId count periodMs firstId
 */
public final class CrashingGatewayMain {
    private CrashingGatewayMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        URI broker = URI.create(args[1]);
        String gateway = args[2];
        int count = Integer.parseInt(args[3]);
        long period = Long.parseLong(args[4]);
        long firstId = Long.parseLong(args[5]);
        var fixture = new BridgeFixture(dir, CloudTopics.of("home1", gateway));
        CloudBridge bridge = fixture.start(broker);
        System.out.println("STARTED");
        System.out.flush();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        AtomicLong next = new AtomicLong(firstId);
        timer.scheduleAtFixedRate(() -> {
            long id = next.getAndIncrement();
            if (id >= firstId + count) return;
            bridge.publishTelemetry(TestPayloads.telemetry(Telemetry.newBuilder().setDevice("dev" + (id % 3)).setId(id).setAtMs(System.currentTimeMillis()).build()))
                    .thenAccept(outboxId -> {
                        synchronized (System.out) {
                            System.out.println("DURABLE " + id);
                            System.out.flush();
                        }
                    });
        }, 0, period, TimeUnit.MILLISECONDS);
        new CountDownLatch(1).await(); // until killed
    }
}
