package dev.hearth.core.storage;

import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns the SQLite connection (DESIGN.md section 8). Tasks run one at a time in
 * the order they were submitted, so each submitter's writes stay in its order. At most
 * {@code capacity} submitted tasks wait; a submitter that finds the queue full waits up to its
 * patience, then is refused. Signals (a store's "I have writes to batch") need no room: each store
 * keeps at most one queued, so they are bounded by the number of stores. Delayed tasks (a failed
 * commit's retry) are scheduled from the storage thread itself, at most {@link #MAX_LATER}.
 */
final class StorageThread {
    private static final Logger log = LoggerFactory.getLogger(StorageThread.class);
    static final int MAX_LATER = 64;
    private static final Runnable STOP = () -> { };

    private record Later(long dueNanos, long seq, Runnable task) { }

    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final Semaphore room;
    /** Confined to the storage thread. */
    private final PriorityQueue<Later> later = new PriorityQueue<>((a, b) -> a.dueNanos != b.dueNanos
            ? Long.compare(a.dueNanos, b.dueNanos) : Long.compare(a.seq, b.seq));
    private long laterSeq;
    private final Thread thread;
    private volatile boolean stopped;

    StorageThread(String name, int capacity) {
        this.room = new Semaphore(capacity);
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
    }

    Thread thread() {
        return thread;
    }

    void start() {
        thread.start();
    }

    boolean current() {
        return Thread.currentThread() == thread;
    }

    /** Queues {@code task}, waiting up to {@code patience} for room; refused when there is none or the thread stopped. */
    void submit(Runnable task, Duration patience) {
        if (stopped) throw new StorageException("the database is closed", null);
        boolean got;
        try {
            got = room.tryAcquire(patience.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting for the storage queue", e);
        }
        if (!got) throw new StorageException("the storage queue stayed full for " + patience.toMillis() + " ms", null);
        queue.add(() -> {
            room.release();
            task.run();
        });
    }

    /** Queues a store's signal; the caller guarantees at most one of its signals waits at a time. */
    void signal(Runnable task) {
        if (stopped) return;
        queue.add(task);
    }

    /** Whether anything else waits for the storage thread (a batching store stops gathering then). */
    boolean othersWaiting() {
        return !queue.isEmpty();
    }

    /** Runs {@code task} on this thread after {@code delay}. Storage thread only. */
    void runLater(Duration delay, Runnable task) {
        if (!current()) throw new IllegalStateException("runLater is for the storage thread");
        if (later.size() >= MAX_LATER) throw new IllegalStateException("more than " + MAX_LATER + " delayed storage tasks");
        later.add(new Later(System.nanoTime() + delay.toNanos(), laterSeq++, task));
    }

    /** Runs what was queued before, then {@code last}, then stops; waits up to {@code patience}. */
    void stop(Runnable last, Duration patience) {
        if (stopped) return;
        queue.add(() -> {
            try {
                last.run();
            } finally {
                stopped = true;
            }
        });
        queue.add(STOP);
        try {
            thread.join(patience.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopped = true;
    }

    private void run() {
        while (true) {
            Runnable task;
            try {
                Later next = later.peek();
                if (next == null) {
                    task = queue.take();
                } else {
                    task = queue.poll(Math.max(0, next.dueNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                log.warn("storage thread interrupted; it stops");
                stopped = true;
                return;
            }
            runDue();
            if (task == STOP) return;
            if (task != null) runSafely(task);
        }
    }

    private void runDue() {
        long now = System.nanoTime();
        while (!later.isEmpty() && later.peek().dueNanos - now <= 0) runSafely(later.poll().task);
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // A store's bug must not stop the thread every store depends on.
            log.error("storage: a task failed: {}", e.toString(), e);
        }
    }
}
