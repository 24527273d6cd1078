package dev.hearth.core.devices;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The core's device-event threads ({@code hearth-device-N}): they run what devices report, lane by
 * lane ({@link DeviceEventLanes}). Their queue is unbounded as a type but holds at most one task
 * per device lane, so it is bounded by the number of adopted devices.
 */
public final class DeviceEventWorkers implements Executor, AutoCloseable {
    private final ThreadPoolExecutor pool;

    public DeviceEventWorkers(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1");
        AtomicInteger n = new AtomicInteger();
        pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "hearth-device-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void execute(Runnable task) {
        pool.execute(task);
    }

    /** Lets running lanes finish their batch (up to two seconds), then stops; later events are dropped. */
    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(2, TimeUnit.SECONDS)) pool.shutdownNow();
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
