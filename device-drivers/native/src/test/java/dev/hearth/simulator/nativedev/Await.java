package dev.hearth.simulator.nativedev;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline, polling: integration tests never sleep a fixed time. */
final class Await {
    private Await() {
    }

    static void until(Duration deadline, String what, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out after " + deadline.toMillis() + " ms waiting for " + what);
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }
}
