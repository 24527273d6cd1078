package dev.hearth.core.devices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.discovery.InboxEntry;
import dev.hearth.core.discovery.PendingReason;
import dev.hearth.core.online.Availability;
import dev.hearth.testkit.Conditions;
import dev.hearth.driver.api.OfflineReason;
import dev.hearth.simulator.miio.MiioFaults;
import dev.hearth.simulator.miio.SimulatedMiioDevice;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, defect 5: another device answering at an adopted device's address (a replaced unit,
 * DHCP reuse) is noticed by the device id in its replies: the adopted device is OFFLINE
 * DEVICE_REPLACED, the other waits in the discovery inbox and is not adopted by itself. Real
 * UDP, mDNS and SQLite in the test's namespace.
 */
class MiioReplacedDeviceIT {
    private static final long DID = 4444;
    private static final long OTHER = 5555;
    private static final String ID = "miio-" + DID;
    private static final Duration WAIT = AnnouncedMiioPlug.WAIT;
    private static final Map<String, String> TIMINGS = Map.of("miio.pollInterval", "PT0.5S", "miio.probeInitial", "PT1S",
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
    void aDeviceAnsweringWithAnotherDidAtTheAddressMarksTheAdoptedOneReplacedAndWaitsInTheInbox() throws Exception {
        rig = AnnouncedMiioPlug.start(DID, MiioFaults.none());
        plug = rig.plug;
        core = new CoreUnderTest(dir.resolve("hearth.db"), rig.secrets, rig.lo, TIMINGS);
        rig.announceAndAdopt(core, "020000001094");
        Conditions.await("the plug ONLINE", WAIT, () -> core.tracker.availability(ID).map(Availability::online).orElse(false),
                () -> core.history(ID));

        plug.faults().answerAs(OTHER);

        Conditions.await("the plug OFFLINE DEVICE_REPLACED", WAIT, () -> core.tracker.availability(ID)
                .flatMap(Availability::reason).equals(Optional.of(OfflineReason.DEVICE_REPLACED)), () -> core.history(ID));
        Conditions.await("the other device in the inbox", WAIT, () -> core.inbox.find("miio-" + OTHER).isPresent(),
                () -> core.inbox.find("miio-" + OTHER));
        InboxEntry other = core.inbox.find("miio-" + OTHER).orElseThrow();
        assertThat(other.reason()).isEqualTo(PendingReason.NO_SECRET);
        assertThat(other.device().address()).isEqualTo(plug.address());
        assertThat(core.tracker.availability(ID).orElseThrow().detail()).contains(Long.toString(OTHER));
        assertThat(core.sessions.isOpen("miio-" + OTHER)).as("never adopted by itself").isFalse();
        assertThat(core.registry.exists("miio-" + OTHER)).isFalse();
        assertThat(core.sessions.isOpen(ID)).as("the adopted device's session goes on probing").isTrue();
    }
}
