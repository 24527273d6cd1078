package dev.hearth.driver.nativeproto;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FloodMeterTest {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private static FloodMeter.Verdict send(FloodMeter m, Instant at, int n) {
        FloodMeter.Verdict last = FloodMeter.Verdict.OK;
        for (int i = 0; i < n; i++) last = m.record(at);
        return last;
    }

    @Test
    void trafficUnderTheLimitIsFine() {
        FloodMeter m = new FloodMeter(10, 3);
        for (int s = 0; s < 5; s++) assertThat(send(m, T0.plusSeconds(s), 10)).isEqualTo(FloodMeter.Verdict.OK);
    }

    @Test
    void aFloodedSecondPausesUntilTheWindowEnds() {
        FloodMeter m = new FloodMeter(10, 3);
        assertThat(send(m, T0, 11)).isEqualTo(FloodMeter.Verdict.PAUSE);
        assertThat(m.pauseAt(T0.plusMillis(300))).isEqualTo(Duration.ofMillis(700));
    }

    @Test
    void floodingSecondsInARowDisconnect() {
        FloodMeter m = new FloodMeter(10, 3);
        assertThat(send(m, T0, 11)).isEqualTo(FloodMeter.Verdict.PAUSE);
        assertThat(send(m, T0.plusSeconds(1), 11)).isEqualTo(FloodMeter.Verdict.PAUSE);
        assertThat(send(m, T0.plusSeconds(2), 11)).isEqualTo(FloodMeter.Verdict.DISCONNECT);
    }

    @Test
    void aCalmSecondForgivesEarlierFloods() {
        FloodMeter m = new FloodMeter(10, 3);
        send(m, T0, 11);
        send(m, T0.plusSeconds(1), 11);
        send(m, T0.plusSeconds(2), 5);
        assertThat(send(m, T0.plusSeconds(3), 11)).isEqualTo(FloodMeter.Verdict.PAUSE);
        assertThat(send(m, T0.plusSeconds(4), 11)).isEqualTo(FloodMeter.Verdict.PAUSE);
    }
}
