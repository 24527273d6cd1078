package dev.hearth.core.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {
    private final ReconnectPolicy policy = new ReconnectPolicy(Duration.ofMillis(100), Duration.ofSeconds(5), 2.0, 0.5);

    @Test
    void doublesFromTheInitialDelayWithoutJitter() {
        assertThat(policy.delay(1, () -> 0.0)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.delay(2, () -> 0.0)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.delay(4, () -> 0.0)).isEqualTo(Duration.ofMillis(800));
    }

    @Test
    void neverExceedsTheMaximumEvenAfterManyAttempts() {
        assertThat(policy.delay(10, () -> 0.0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.delay(100_000, () -> 0.0)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void jitterTakesOffAtMostItsShare() {
        assertThat(policy.delay(10, () -> 0.999)).isBetween(Duration.ofMillis(2500), Duration.ofMillis(2510));
        assertThat(policy.delay(1, () -> 0.5)).isEqualTo(Duration.ofMillis(75));
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new ReconnectPolicy(Duration.ZERO, Duration.ofSeconds(1), 2, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReconnectPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReconnectPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 0.5, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReconnectPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 2, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> policy.delay(0, () -> 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
