package dev.hearth.testkit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits in integration tests: polls a condition until it holds or a deadline passes, then fails saying what. */
public final class Conditions {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(25);

    private Conditions() {
    }

    /** Returns how long it took; fails with {@code what} and {@code state} if {@code within} passes first. */
    public static Duration await(String what, Duration within, BooleanSupplier condition, Supplier<Object> state) {
        long start = System.nanoTime();
        long deadline = start + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("waited " + within.toMillis() + " ms for " + what + "; state: " + state.get());
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    public static Duration await(String what, Duration within, BooleanSupplier condition) {
        return await(what, within, condition, () -> "(not shown)");
    }

    /** The same wait, failing with {@code description} (computed only on failure) when {@code within} passes. */
    public static void until(Duration within, BooleanSupplier condition, Supplier<String> description) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + within + ": " + description.get());
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }
}
