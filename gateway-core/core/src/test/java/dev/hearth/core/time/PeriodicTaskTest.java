package dev.hearth.core.time;

import dev.hearth.testkit.ManualClock;
import dev.hearth.testkit.ManualScheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PeriodicTaskTest {
    private final ManualScheduler scheduler = new ManualScheduler(new ManualClock());

    @Test
    void runsNowThenEveryPeriodAndAFailedPassDoesNotEndTheSchedule() {
        AtomicInteger runs = new AtomicInteger();
        PeriodicTask task = new PeriodicTask("test pass", Duration.ofMinutes(1), scheduler, () -> {
            if (runs.incrementAndGet() == 2) throw new IllegalStateException("disk full");
        });
        task.start();
        assertThat(runs).hasValue(1);
        scheduler.advance(Duration.ofMinutes(3));
        assertThat(runs).hasValue(4);
        task.close();
        scheduler.advance(Duration.ofMinutes(10));
        assertThat(runs).hasValue(4);
    }
}
