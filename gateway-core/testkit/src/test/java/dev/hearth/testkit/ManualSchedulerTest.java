package dev.hearth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.driver.api.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualSchedulerTest {
    private final ManualClock clock = new ManualClock();
    private final ManualScheduler scheduler = new ManualScheduler(clock);

    @Test
    void runsDueTasksInOrderAtTheirDueTimeIncludingTasksTheySchedule() {
        Instant start = clock.instant();
        List<String> ran = new ArrayList<>();
        scheduler.schedule(Duration.ofSeconds(3), () -> ran.add("c@" + Duration.between(start, clock.instant()).toSeconds()));
        scheduler.schedule(Duration.ofSeconds(1), () -> {
            ran.add("a@" + Duration.between(start, clock.instant()).toSeconds());
            scheduler.schedule(Duration.ofSeconds(1), () -> ran.add("b@" + Duration.between(start, clock.instant()).toSeconds()));
        });
        Scheduler.Cancellable never = scheduler.schedule(Duration.ofSeconds(2), () -> ran.add("cancelled"));
        never.cancel();

        scheduler.advance(Duration.ofSeconds(2));
        assertThat(ran).containsExactly("a@1", "b@2");
        scheduler.advance(Duration.ofSeconds(5));

        assertThat(ran).containsExactly("a@1", "b@2", "c@3");
        assertThat(clock.instant()).isEqualTo(start.plusSeconds(7));
        assertThat(scheduler.pending()).isZero();
    }
}
