package dev.hearth.core.devices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testkit.Conditions;
import dev.hearth.driver.api.DeviceCommand;
import dev.hearth.driver.api.value.Value;
import dev.hearth.simulator.miio.MiioFaults;
import dev.hearth.simulator.miio.SimulatedMiioDevice;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, defect 8: request ids survive a gateway restart. The plug remembers the ids it saw and
 * silently drops a repeat, as real devices do; a gateway that starts its ids over at 1 after a
 * restart is not answered (its probes and commands time out, one id after another), one that
 * continues where it stood is answered at once. Real UDP, mDNS and SQLite in the test's namespace.
 */
class MiioRequestIdsIT {
    private static final long DID = 4343;
    private static final String ID = "miio-" + DID;
    private static final Duration WAIT = AnnouncedMiioPlug.WAIT;
    private static final Map<String, String> TIMINGS = Map.of("miio.pollInterval", "PT0.2S", "miio.probeInitial", "PT1S",
            "miio.probeMax", "PT2S", "miio.pings", "2", "miio.pingInterval", "PT0.5S", "miio.requestTimeout", "PT0.7S",
            "miio.retries", "1", "miio.bindAddress", "127.0.0.1");

    @TempDir Path dir;
    private AnnouncedMiioPlug rig;
    private SimulatedMiioDevice plug;
    private CoreUnderTest core;

    @AfterEach
    void stopEverything() throws Exception {
        if (core != null) core.close();
        if (rig != null) rig.close();
    }

    @Test
    void aCommandRightAfterAGatewayRestartIsAnsweredByADeviceThatDropsIdsItSawRecently() throws Exception {
        rig = AnnouncedMiioPlug.start(DID, MiioFaults.none().rememberIds(5000));
        plug = rig.plug;
        Path db = dir.resolve("hearth.db");
        core = new CoreUnderTest(db, rig.secrets, rig.lo, TIMINGS);
        rig.announceAndAdopt(core, "020000001093");
        Conditions.await("the plug ONLINE", WAIT, this::online, () -> core.history(ID));
        // some dozens of polls: ids the plug now remembers
        long answered = plug.answeredPackets();
        Conditions.await("the plug polled a while", WAIT, () -> plug.answeredPackets() > answered + 40);
        assertThat(set(true)).isTrue();
        core.close();

        core = new CoreUnderTest(db, rig.secrets, rig.lo, TIMINGS);
        Conditions.await("the plug ONLINE after the restart", WAIT, this::online, () -> core.history(ID));
        long started = System.nanoTime();
        assertThat(set(false)).as("a command right after the restart").isTrue();
        // one reply's time, not a run of timeouts: no attempt of the new run repeated an id
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(700));
        assertThat(plug.repeatedIdsDropped()).isZero();
        assertThat(plug.state().get("2.1").asBoolean()).isFalse();
    }

    private boolean set(boolean on) throws Exception {
        CommandResult r = core.sessions.execute(ID, new DeviceCommand.SetProperties(Map.of("2.1", Value.of(on))),
                Duration.ofSeconds(5)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        return r instanceof CommandResult.Completed c && c.outcome().succeeded();
    }

    private boolean online() {
        return core.tracker.availability(ID).map(a -> a.online() && !a.damped()).orElse(false);
    }
}
