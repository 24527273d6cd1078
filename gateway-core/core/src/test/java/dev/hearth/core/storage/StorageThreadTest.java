package dev.hearth.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StorageThreadTest {

    @Test
    void aSubmitterFindingTheQueueFullIsRefusedAfterItsPatienceInsteadOfQueueingWithoutBound() throws Exception {
        StorageThread t = new StorageThread("storage-test", 2);
        t.start();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> ran = new CopyOnWriteArrayList<>();
        t.submit(() -> {
            running.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, Duration.ZERO);
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        t.submit(() -> ran.add("a"), Duration.ZERO);
        t.submit(() -> ran.add("b"), Duration.ZERO);
        assertThatThrownBy(() -> t.submit(() -> ran.add("c"), Duration.ofMillis(20)))
                .isInstanceOf(StorageException.class).hasMessageContaining("stayed full");
        release.countDown();
        CountDownLatch stopped = new CountDownLatch(1);
        t.stop(stopped::countDown, Duration.ofSeconds(10));
        assertThat(stopped.getCount()).isZero();
        assertThat(ran).containsExactly("a", "b");
        assertThatThrownBy(() -> t.submit(() -> ran.add("d"), Duration.ZERO)).isInstanceOf(StorageException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void aTaskThatFailsDoesNotStopTheThreadOtherStoresDependOn() throws Exception {
        StorageThread t = new StorageThread("storage-test", 8);
        t.start();
        CountDownLatch after = new CountDownLatch(1);
        t.submit(() -> { throw new IllegalStateException("a store's bug"); }, Duration.ZERO);
        t.submit(after::countDown, Duration.ZERO);
        assertThat(after.await(10, TimeUnit.SECONDS)).isTrue();
        t.stop(() -> { }, Duration.ofSeconds(10));
    }

    @Test
    void aDelayedTaskRunsOnTheStorageThreadAfterItsDelay() throws Exception {
        StorageThread t = new StorageThread("storage-test", 8);
        t.start();
        CountDownLatch done = new CountDownLatch(1);
        List<String> on = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        t.submit(() -> t.runLater(Duration.ofMillis(100), () -> {
            on.add(Thread.currentThread().getName());
            done.countDown();
        }), Duration.ZERO);
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(100);
        assertThat(on).containsExactly("storage-test");
        assertThatThrownBy(() -> t.runLater(Duration.ZERO, () -> { })).isInstanceOf(IllegalStateException.class);
        t.stop(() -> { }, Duration.ofSeconds(10));
    }
}
