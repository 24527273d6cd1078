package dev.hearth.core.devices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.discovery.AdoptResult;
import dev.hearth.core.online.Availability;
import dev.hearth.testkit.Conditions;
import dev.hearth.testkit.PrivateNetwork;
import dev.hearth.testkit.RogueAnnouncer;
import dev.hearth.driver.api.DeviceSecret;
import dev.hearth.protocols.miio.MiioToken;
import dev.hearth.simulator.miio.DatagramLoop;
import dev.hearth.simulator.miio.MiioDeviceKind;
import dev.hearth.simulator.miio.MiioFaults;
import dev.hearth.simulator.miio.SimulatedMiioDevice;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, defect 1, for miIO: a plug switched off for longer than its mDNS records' TTL (no
 * goodbye; jmdns fires a removal on expiry and nothing when the plug announces again) comes back
 * ONLINE within one probe interval of returning, with no restart; and an announcement alone does
 * not steer the plug's session to another address. Real UDP and mDNS in the test's namespace.
 */
class MiioAvailabilityIT {
    private static final long DID = 4242;
    private static final String ID = "miio-" + DID;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration PROBE_MAX = Duration.ofSeconds(2);
    /** One probe interval (the cap, with its +20 % jitter) plus one request timeout. */
    private static final Duration BACK_WITHIN = PROBE_MAX.multipliedBy(12).dividedBy(10).plusMillis(700).plusSeconds(1);
    private static final Map<String, String> TIMINGS = Map.of("miio.pollInterval", "PT1S", "miio.probeInitial", "PT1S",
            "miio.probeMax", "PT2S", "miio.pings", "2", "miio.pingInterval", "PT0.5S", "miio.requestTimeout", "PT0.7S",
            "miio.retries", "1", "miio.bindAddress", "127.0.0.1");

    @TempDir Path dir;
    private final InetAddress lo = PrivateNetwork.loopback("hearth-it");
    private DatagramLoop loop;
    private RogueAnnouncer announcer;
    private MiioToken token;
    private SimulatedMiioDevice plug;
    private CoreUnderTest core;

    @BeforeEach
    void startPlugAndCore() throws Exception {
        PrivateNetwork.require();
        loop = DatagramLoop.start(false);
        announcer = new RogueAnnouncer(lo, "plug-host");
        byte[] t = new byte[16];
        new SecureRandom().nextBytes(t);
        token = MiioToken.of(t);
        plug = SimulatedMiioDevice.start(MiioDeviceKind.MIOT_PLUG, DID, token, new InetSocketAddress(lo, 0), MiioFaults.none(),
                loop, Clock.systemUTC());
        DeviceSecrets secrets = new DeviceSecrets();
        secrets.put(ID, new DeviceSecret(t));
        core = new CoreUnderTest(dir.resolve("hearth.db"), secrets, lo, TIMINGS);
        announcer.announce(service(plug.address()));
        Conditions.await("the plug in the inbox", WAIT, () -> core.inbox.find(ID).isPresent());
        assertThat(core.adoption.adopt(ID)).isEqualTo(AdoptResult.ADOPTED);
        Conditions.await("the plug ONLINE", WAIT, this::online, () -> core.history(ID));
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (core != null) core.close();
        if (plug != null) plug.close();
        if (announcer != null) announcer.close();
        if (loop != null) loop.stop();
    }

    @Test
    void aPlugOffForLongerThanItsRecordTtlComesBackOnlineWithinOneProbeIntervalWithoutARestart() throws Exception {
        long session = core.tracker.availability(ID).orElseThrow().session();
        InetSocketAddress at = plug.address();

        // its last announcement before it goes off says its records live 2 s
        announcer.announce(service(at), Duration.ofSeconds(4500), Duration.ofSeconds(2));
        plug.close();
        Conditions.await("the plug OFFLINE", WAIT, () -> !core.tracker.isLive(ID)
                && core.tracker.availability(ID).flatMap(Availability::reason).isPresent(), () -> core.history(ID));
        Conditions.await("its records expired (jmdns reports a removal)", WAIT,
                () -> core.counters.count("mdns_removals", "service") >= 1, () -> core.counters.snapshot());
        assertThat(core.sessions.isOpen(ID)).as("an expiry closes nothing").isTrue();

        plug = SimulatedMiioDevice.start(MiioDeviceKind.MIOT_PLUG, DID, token, at, MiioFaults.none(), loop, Clock.systemUTC());
        long returned = System.nanoTime();
        announcer.announce(service(at), Duration.ofSeconds(4500), Duration.ofSeconds(2));
        Conditions.await("the plug ONLINE again", WAIT, this::online, () -> core.history(ID));

        assertThat(Duration.ofNanos(System.nanoTime() - returned)).isLessThan(BACK_WITHIN);
        assertThat(core.tracker.availability(ID).orElseThrow().session()).isEqualTo(session + 1);
    }

    @Test
    void anAnnouncementAloneDoesNotSteerThePlugToAnotherAddress() throws Exception {
        long session = core.tracker.availability(ID).orElseThrow().session();
        InetSocketAddress elsewhere = new InetSocketAddress(PrivateNetwork.address("rogue", 127, 0, 0, 9), 54321);

        try (RogueAnnouncer rogue = new RogueAnnouncer(PrivateNetwork.address("rogue", 127, 0, 0, 9), "rogue")) {
            rogue.announce(service(elsewhere));
        }
        Conditions.await("the claim at the rogue's address dropped", WAIT,
                () -> core.counters.count("unproven_claims", "silent") >= 1, () -> core.counters.snapshot());

        assertThat(online()).isTrue();
        assertThat(core.tracker.availability(ID).orElseThrow().session()).isEqualTo(session);
        assertThat(core.registry.find(ID).orElseThrow().address()).isEqualTo(plug.address());
        long answered = plug.answeredPackets();
        Conditions.await("the plug still polled at its own address", WAIT, () -> plug.answeredPackets() > answered + 2);
    }

    private RogueAnnouncer.Service service(InetSocketAddress at) {
        return new RogueAnnouncer.Service("_miio._udp.local.", plug.instanceName(), at.getAddress(), at.getPort(),
                Map.of("epoch", "1", "mac", "02000000" + "1092"));
    }

    private boolean online() {
        return core.tracker.availability(ID).map(a -> a.online() && !a.damped()).orElse(false);
    }
}
