package dev.hearth.driver.nativeproto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.protocols.lan.v1.Heartbeat;
import dev.hearth.protocols.lan.v1.LanMessage;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The reconnect backoff starts again from its minimum only after a session has stayed up for
 * {@code native.healthyAfterMs}; a device dropped right after Welcome keeps backing off. Fake clock
 * and scheduler; reconnect min 500 ms, jitter up to a quarter down.
 */
class HealthyBackoffTest {

    private static void dropRightAfterWelcome(SessionHarness h) {
        h.online();
        h.channel().close();
    }

    /** Advances to just before the earliest possible reconnect, then to the latest: one new connection. */
    private static void reconnectsWithin(SessionHarness h, long ceilingMs) {
        int before = h.channels.size();
        h.advance(Duration.ofMillis(ceilingMs * 3 / 4 - 10));
        assertThat(h.channels).as("no reconnect before %d ms", ceilingMs * 3 / 4).hasSize(before);
        h.advance(Duration.ofMillis(ceilingMs / 4 + 10));
        assertThat(h.channels).as("a reconnect by %d ms", ceilingMs).hasSize(before + 1);
    }

    @Test
    void aDeviceDroppedRightAfterEachWelcomeKeepsBackingOff() {
        SessionHarness h = new SessionHarness(Map.of("native.healthyAfterMs", "30000"));
        dropRightAfterWelcome(h);
        reconnectsWithin(h, 500);
        dropRightAfterWelcome(h);
        reconnectsWithin(h, 1000);
        dropRightAfterWelcome(h);
        reconnectsWithin(h, 2000);
        dropRightAfterWelcome(h);
        reconnectsWithin(h, 4000);
    }

    @Test
    void aSessionThatStayedHealthyLongEnoughStartsTheBackoffAgain() {
        SessionHarness h = new SessionHarness(Map.of("native.healthyAfterMs", "30000"));
        dropRightAfterWelcome(h);
        reconnectsWithin(h, 500);
        dropRightAfterWelcome(h);
        reconnectsWithin(h, 1000);
        h.online();
        for (int i = 0; i < 31; i++) {
            h.advance(Duration.ofSeconds(1));
            h.deviceSends(LanMessage.newBuilder().setHeartbeat(Heartbeat.newBuilder().setSeq(i)).build());
        }
        h.channel().close();

        reconnectsWithin(h, 500);
    }

    @Test
    void aSessionLostJustBeforeItCountsAsHealthyDoesNotResetTheBackoff() {
        SessionHarness h = new SessionHarness(Map.of("native.healthyAfterMs", "30000"));
        dropRightAfterWelcome(h);
        reconnectsWithin(h, 500);
        h.online();
        for (int i = 0; i < 29; i++) {
            h.advance(Duration.ofSeconds(1));
            h.deviceSends(LanMessage.newBuilder().setHeartbeat(Heartbeat.newBuilder().setSeq(i)).build());
        }
        h.channel().close();

        reconnectsWithin(h, 1000);
    }
}
