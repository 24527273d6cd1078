package dev.hearth.driver.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The cases of the four backoffs it replaced (native ReconnectBackoffTest, the cloud's ReconnectPolicyTest). */
class BackoffTest {
    private final Backoff native500ms = Backoff.doubling(Duration.ofMillis(500), Duration.ofSeconds(60));
    private final Backoff cloud = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), 2.0, 0.5);

    @Test
    void delaysDoubleWithinTheJitterBoundsUpToTheMaximum() {
        Random random = new Random(3);
        for (int attempt = 0; attempt < 20; attempt++) {
            long ceiling = Math.min(500L << Math.min(attempt, 20), 60_000L) * 1_000_000L;
            for (int i = 0; i < 50; i++) {
                long d = native500ms.delay(attempt, random::nextDouble).toNanos();
                assertThat(d).isBetween(ceiling * 4 / 5, ceiling);
            }
        }
        assertThat(native500ms.ceiling(0)).isEqualTo(Duration.ofMillis(500));
        assertThat(native500ms.ceiling(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(native500ms.ceiling(1000)).isEqualTo(Duration.ofSeconds(60));
        assertThat(native500ms.ceiling(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void jitterSpreadsDevicesDroppedTogether() {
        Random random = new Random(3);
        Set<Duration> seen = new HashSet<>();
        for (int i = 0; i < 20; i++) seen.add(native500ms.delay(4, random::nextDouble));
        assertThat(seen.size()).isGreaterThan(15);
    }

    @Test
    void withoutJitterItGrowsFromTheFirstDelayByItsMultiplier() {
        assertThat(cloud.delay(0, () -> 0.0)).isEqualTo(Duration.ofMillis(100));
        assertThat(cloud.delay(1, () -> 0.0)).isEqualTo(Duration.ofMillis(200));
        assertThat(cloud.delay(3, () -> 0.0)).isEqualTo(Duration.ofMillis(800));
        assertThat(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 3.0, 0).delay(2, () -> 0.5)).isEqualTo(Duration.ofSeconds(9));
    }

    @Test
    void neverExceedsTheMaximumEvenAfterManyAttempts() {
        assertThat(cloud.delay(9, () -> 0.0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(cloud.delay(100_000, () -> 0.0)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void jitterTakesOffAtMostItsShare() {
        assertThat(cloud.delay(9, () -> 0.999)).isBetween(Duration.ofMillis(2500), Duration.ofMillis(2510));
        assertThat(cloud.delay(0, () -> 0.5)).isEqualTo(Duration.ofMillis(75));
    }

    @Test
    void aGrowingIntervalDoublesToItsCapAndAFixedPeriodOnlyLosesItsJitter() {
        Backoff probes = Backoff.doubling(Duration.ofSeconds(5), Duration.ofSeconds(60));
        assertThat(probes.grow(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(10));
        assertThat(probes.grow(Duration.ofSeconds(40))).isEqualTo(Duration.ofSeconds(60));
        assertThat(probes.grow(Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(60));
        Backoff requery = Backoff.every(Duration.ofSeconds(60), 0.2);
        assertThat(requery.delay(0, () -> 0.999)).isBetween(Duration.ofSeconds(48), Duration.ofSeconds(49));
        assertThat(requery.delay(7, () -> 0.0)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 2, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 0.5, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 2, 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), Double.NaN, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cloud.delay(-1, () -> 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cloud.delay(0, () -> 1.0)).isInstanceOf(IllegalArgumentException.class);
    }
}
