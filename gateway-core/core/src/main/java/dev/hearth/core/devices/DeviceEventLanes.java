package dev.hearth.core.devices;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where device events wait between a driver's I/O thread and the core (DESIGN.md section 12). A
 * driver's sink only {@link Lane#offer offers} the event and returns; the work (report gate,
 * registry, privacy filter, uplink, outbox) runs on {@code workers}, one lane at a time per device,
 * so a device's events are handled in the order it sent them and never two at once, while
 * different devices run side by side.
 *
 * <p>Bounds, and the policy for a device that floods: a lane holds at most {@code perDevice}
 * droppable events (state reports, triggered events) and all lanes together at most
 * {@code maxQueued}; past either, the device's oldest waiting droppable event makes room for the
 * new one (a report supersedes older ones, so the latest state still reaches the cloud), or the new
 * one is dropped when the device has none waiting; each drop is counted ({@code device_queue_full}
 * or {@code queue_full}). The flooding device loses its own old reports, other devices keep their room. Link events (online, offline, refused) are never dropped for
 * room up to twice the per-device bound (a session emits one per connection attempt, which the
 * driver paces with backoff), and counted as {@code link_events_overflow} past it. A lane that has
 * work holds one task in {@code workers}' queue, which so stays at most one task per device; a lane
 * runs at most {@link #BATCH} events before it goes to the back of that queue, so one busy device
 * cannot keep a worker from the others.
 */
public final class DeviceEventLanes {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceEventLanes.class);
    /** Events a lane runs before it lets the next lane have the worker. */
    static final int BATCH = 64;

    /** Told of every dropped event, with its reason; must not block (a counter). */
    @FunctionalInterface
    public interface Drops {
        void dropped(String reason);
    }

    private final Executor workers;
    private final int perDevice;
    private final int maxQueued;
    private final Drops drops;
    private final AtomicInteger queued = new AtomicInteger();

    /**
     * Lanes whose work runs on {@code workers} (production: {@link DeviceEventWorkers}; unit tests
     * may pass {@code Runnable::run} to run each event on the offering thread).
     */
    public DeviceEventLanes(Executor workers, int perDevice, int maxQueued, Drops drops) {
        this.workers = Objects.requireNonNull(workers, "workers");
        if (perDevice < 1) throw new IllegalArgumentException("perDevice must be at least 1");
        if (maxQueued < perDevice) throw new IllegalArgumentException("maxQueued must be at least perDevice");
        this.perDevice = perDevice;
        this.maxQueued = maxQueued;
        this.drops = Objects.requireNonNull(drops, "drops");
    }

    /** A new lane for one device (one per session table slot). */
    public Lane lane(String deviceId) {
        return new Lane(Objects.requireNonNull(deviceId, "deviceId"));
    }

    /** Events waiting in all lanes, for a gauge. */
    public int queued() {
        return queued.get();
    }

    /** A waiting event: reports and triggered events are droppable, link events are not. */
    private record Item(boolean droppable, Runnable work) {
    }

    /** One device's queue of work. Thread-safe: any driver thread may offer. */
    public final class Lane {
        private final String deviceId;
        private final ArrayDeque<Item> waiting = new ArrayDeque<>();
        private boolean scheduled;
        private boolean overflowLogged;

        private Lane(String deviceId) {
            this.deviceId = deviceId;
        }

        /**
         * Queues {@code work} behind this device's earlier events; returns at once. Returns false
         * when the event was dropped for room (and counted).
         */
        public boolean offer(boolean droppable, Runnable work) {
            Objects.requireNonNull(work, "work");
            boolean submit;
            synchronized (this) {
                int size = waiting.size();
                String full = droppable
                        ? size >= perDevice ? "device_queue_full" : queued.get() >= maxQueued ? "queue_full" : null
                        : size >= 2 * perDevice ? "link_events_overflow" : null;
                if (full != null) {
                    // a report supersedes the device's older ones: its oldest waiting report makes room (the
                    // latest state reaches the cloud); with none waiting, or for a link event, the new one goes
                    if (!droppable || !dropOldestReport()) {
                        drop(full, !droppable);
                        return false;
                    }
                    drops.dropped(full);
                    waiting.addLast(new Item(true, work));
                    return true;
                }
                waiting.addLast(new Item(droppable, work));
                queued.incrementAndGet();
                submit = !scheduled;
                scheduled = true;
            }
            if (submit) submit();
            return true;
        }

        /** Removes this lane's oldest droppable event; false when none waits. Called under the lane's lock. */
        private boolean dropOldestReport() {
            for (Iterator<Item> it = waiting.iterator(); it.hasNext(); ) {
                if (it.next().droppable()) {
                    it.remove();
                    return true;
                }
            }
            return false;
        }

        private void drop(String reason, boolean warn) {
            drops.dropped(reason);
            if (warn && !overflowLogged) {
                overflowLogged = true;
                LOG.warn("device {}: {} link events waiting; dropping more (the driver reports faster than it connects)",
                        deviceId, 2 * perDevice);
            }
        }

        private void submit() {
            try {
                workers.execute(this::run);
            } catch (RejectedExecutionException e) {
                // the workers are shut down (the gateway stops): what waits is a closed session's last words
                int dropped;
                synchronized (this) {
                    dropped = waiting.size();
                    waiting.clear();
                    scheduled = false;
                }
                queued.addAndGet(-dropped);
            }
        }

        private void run() {
            for (int i = 0; i < BATCH; i++) {
                Runnable next;
                synchronized (this) {
                    Item item = waiting.pollFirst();
                    if (item == null) {
                        scheduled = false;
                        return;
                    }
                    next = item.work();
                }
                queued.decrementAndGet();
                try {
                    next.run();
                } catch (RuntimeException e) {
                    LOG.warn("device {}: handling an event failed: {}", deviceId, e.toString(), e);
                }
            }
            synchronized (this) {
                if (waiting.isEmpty()) {
                    scheduled = false;
                    return;
                }
            }
            submit(); // still scheduled: to the back of the workers' queue, behind the other devices
        }
    }
}
