package dev.hearth.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testkit.ManualClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NarratorTest {
    @Test
    void numbersStepsIndentsDetailsAndStampsTheTimeSinceTheStart() {
        ManualClock clock = new ManualClock(Instant.parse("2025-01-01T00:00:00Z"));
        StringWriter text = new StringWriter();
        Narrator n = new Narrator(new PrintWriter(text), clock, 2);
        n.step("broker");
        clock.advance(Duration.ofMillis(1500));
        n.detail("listening");
        n.step("devices");
        clock.advance(Duration.ofSeconds(40));
        n.note("stopping");
        assertThat(text.toString().split("\\R")).containsExactly(
                "[  0.0s] 1/2 broker",
                "[  1.5s]     listening",
                "[  1.5s] 2/2 devices",
                "[ 41.5s] stopping");
    }
}
