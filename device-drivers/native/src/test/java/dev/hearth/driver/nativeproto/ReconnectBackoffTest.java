package dev.hearth.driver.nativeproto;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {
    private final ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(500), Duration.ofSeconds(60), new Random(3));

    @Test
    void delaysDoubleWithinJitterBoundsUpToTheMaximum() {
        for (int attempt = 0; attempt < 20; attempt++) {
            long ceiling = Math.min(500L << Math.min(attempt, 20), 60_000L) * 1_000_000L;
            for (int i = 0; i < 50; i++) {
                long d = backoff.delay(attempt).toNanos();
                assertThat(d).isBetween(ceiling * 3 / 4, ceiling);
            }
        }
        assertThat(backoff.ceilingNanos(0)).isEqualTo(Duration.ofMillis(500).toNanos());
        assertThat(backoff.ceilingNanos(3)).isEqualTo(Duration.ofSeconds(4).toNanos());
        assertThat(backoff.ceilingNanos(1000)).isEqualTo(Duration.ofSeconds(60).toNanos());
    }

    @Test
    void jitterSpreadsDevicesDroppedTogether() {
        Set<Duration> seen = new HashSet<>();
        for (int i = 0; i < 20; i++) seen.add(backoff.delay(4));
        assertThat(seen.size()).isGreaterThan(15);
    }
}
