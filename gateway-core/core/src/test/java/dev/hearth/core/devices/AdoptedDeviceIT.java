package dev.hearth.core.devices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.discovery.AdoptResult;
import dev.hearth.core.discovery.PendingReason;
import dev.hearth.core.online.Availability;
import dev.hearth.core.online.OnlineStatus;
import dev.hearth.testkit.Conditions;
import dev.hearth.testkit.PrivateNetwork;
import dev.hearth.testkit.RogueAnnouncer;
import dev.hearth.driver.api.DeviceSecret;
import dev.hearth.driver.api.OfflineReason;
import dev.hearth.driver.api.model.DeviceModel;
import dev.hearth.driver.api.model.ModelCatalog;
import dev.hearth.simulator.nativedev.SimulatedDevice;
import dev.hearth.simulator.nativedev.SimulatedDeviceConfig;
import dev.hearth.simulator.nativedev.SimulatorRuntime;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An adopted native lamp against a hostile or merely forgetful LAN, on real sockets and real mDNS
 * in the test's own namespace: a rogue with the lamp's id and a wrong key, a spoofed goodbye, a
 * twin with the same id and key, and the lamp itself switched off for longer than its records'
 * TTL, rebooted after a goodbye, and back on another address. The {@link RogueAnnouncer} speaks
 * for every device, so the TTLs are the test's.
 */
class AdoptedDeviceIT {
    private static final String LAMP = "native-lamp-001";
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** What "one probe interval" is for a native device here: the reconnect backoff's ceiling (1 s) plus the handshake. */
    private static final Duration BACK_WITHIN = Duration.ofSeconds(3);

    @TempDir Path dir;
    private final InetAddress lo = PrivateNetwork.loopback("hearth-it");
    private final InetAddress lo2 = PrivateNetwork.address("hearth-it-2", 127, 0, 0, 2);
    private final InetAddress lo3 = PrivateNetwork.address("hearth-it-3", 127, 0, 0, 3);
    private final List<AutoCloseable> open = new ArrayList<>();
    private SimulatorRuntime runtime;
    private RogueAnnouncer announcer;
    private DeviceModel lampModel;
    private DeviceSecret key;
    private SimulatedDevice lamp;
    private CoreUnderTest core;

    @BeforeEach
    void startLampAndCore() throws Exception {
        PrivateNetwork.require();
        runtime = SimulatorRuntime.system(Optional.empty());
        announcer = new RogueAnnouncer(lo, "device-host");
        lampModel = ModelCatalog.fromClasspath(getClass().getClassLoader()).find("hearth.light.lamp1").orElseThrow();
        key = randomKey();
        lamp = device(LAMP, key, lo);
        DeviceSecrets secrets = new DeviceSecrets();
        secrets.put(LAMP, key);
        core = new CoreUnderTest(dir.resolve("hearth.db"), secrets, lo);
        announcer.announce(service(lamp));
        Conditions.await("the lamp in the inbox", WAIT, () -> core.inbox.find(LAMP).isPresent());
        assertThat(core.adoption.adopt(LAMP)).isEqualTo(AdoptResult.ADOPTED);
        Conditions.await("the lamp ONLINE", WAIT, this::lampOnline, () -> core.history(LAMP));
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (core != null) core.close();
        for (AutoCloseable c : open) c.close();
        if (announcer != null) announcer.close();
        if (runtime != null) runtime.close();
    }

    @Test
    void aSameIdConnectionWithAWrongKeyLeavesTheAdoptedLampAsItIs() throws Exception {
        SimulatedDevice rogue = device(LAMP, randomKey(), lo2);
        long session = session();

        announcer.announce(service(rogue));
        Conditions.await("the rogue dialled and refused", WAIT, () -> rogue.rejections() >= 1
                && core.counters.count("unproven_claims", "refused") >= 1, () -> core.counters.snapshot());
        for (int i = 0; i < 3; i++) announcer.announce(service(rogue));
        holdsFor(Duration.ofSeconds(4));

        assertThat(lampOnline()).isTrue();
        assertThat(session()).isEqualTo(session);
        assertThat(core.history(LAMP)).noneMatch(a -> a.status() == OnlineStatus.OFFLINE);
        assertThat(core.inbox.find(LAMP)).as("not back in the inbox").isEmpty();
        assertThat(core.sessions.isOpen(LAMP)).isTrue();
        assertThat(core.registry.find(LAMP).orElseThrow().address()).isEqualTo(lamp.address());
        assertThat(rogue.rejections()).as("dialled once, not at every announcement").isEqualTo(1);
    }

    @Test
    void aSpoofedGoodbyeLeavesTheAdoptedLampOnline() throws Exception {
        long session = session();

        try (RogueAnnouncer rogue = new RogueAnnouncer(lo2, "rogue-host")) {
            rogue.goodbye(service(lamp));
        }
        Conditions.await("the goodbye seen and probed", WAIT, () -> core.counters.count("mdns_goodbyes", "probed") >= 1,
                () -> core.counters.snapshot());
        holdsFor(CoreUnderTest.SESSIONS.goodbyeWindow().plusSeconds(1));

        assertThat(lampOnline()).isTrue();
        assertThat(session()).isEqualTo(session);
        assertThat(core.history(LAMP)).noneMatch(a -> a.status() == OnlineStatus.OFFLINE);
        assertThat(core.sessions.isOpen(LAMP)).isTrue();
    }

    @Test
    void twoLiveDevicesWithOneIdAreBothKeptAsTheyAreAndTheCollisionIsReported() throws Exception {
        SimulatedDevice twin = device(LAMP, key, lo2);
        long session = session();

        announcer.announce(service(twin));
        Conditions.await("the collision reported", WAIT, () -> core.inbox.find(LAMP)
                .filter(e -> e.reason() == PendingReason.ID_COLLISION).isPresent(), () -> core.counters.snapshot());
        for (int i = 0; i < 3; i++) {
            announcer.announce(service(lamp));
            announcer.announce(service(twin));
        }
        holdsFor(Duration.ofSeconds(4));

        assertThat(lampOnline()).isTrue();
        assertThat(session()).isEqualTo(session);
        assertThat(core.history(LAMP)).noneMatch(a -> a.status() == OnlineStatus.OFFLINE);
        assertThat(core.registry.find(LAMP).orElseThrow().address()).isEqualTo(lamp.address());
        assertThat(lamp.connectedGateways()).isEqualTo(1);
        assertThat(twin.connectedGateways()).isZero();
        assertThat(core.inbox.find(LAMP).orElseThrow().detail()).contains(hostPort(lamp), hostPort(twin));
        assertThat(core.counters.count("id_collisions", "native")).isEqualTo(1);
    }

    @Test
    void aLampOffForLongerThanItsRecordTtlComesBackOnlineWithoutARestart() throws Exception {
        long session = session();
        Duration ttl = Duration.ofSeconds(2);
        announcer.announce(service(lamp), Duration.ofSeconds(4500), ttl);

        lamp.stop(); // no mDNS goodbye: the runtime has no advertiser
        Conditions.await("the lamp OFFLINE", WAIT, () -> !core.tracker.isLive(LAMP));
        Conditions.await("its records expired (jmdns reports a removal)", WAIT,
                () -> core.counters.count("mdns_removals", "service") >= 1, () -> core.counters.snapshot());
        assertThat(core.sessions.isOpen(LAMP)).as("an expiry closes nothing").isTrue();

        lamp.start();
        long returned = System.nanoTime();
        announcer.announce(service(lamp), Duration.ofSeconds(4500), ttl);
        Conditions.await("the lamp ONLINE again", WAIT, this::lampOnline, () -> core.history(LAMP));

        assertThat(Duration.ofNanos(System.nanoTime() - returned)).isLessThan(BACK_WITHIN);
        assertThat(session()).isEqualTo(session + 1);
    }

    @Test
    void aLampThatSaidGoodbyeAndRebootedIsOfflineMdnsGoodbyeAndComesBackByItself() throws Exception {
        long session = session();

        announcer.goodbye(service(lamp));
        Conditions.await("the goodbye seen", WAIT, () -> core.counters.count("mdns_goodbyes", "probed") >= 1);
        lamp.stop();
        Conditions.await("OFFLINE MDNS_GOODBYE", WAIT, () -> core.tracker.availability(LAMP)
                .flatMap(Availability::reason).equals(Optional.of(OfflineReason.MDNS_GOODBYE)), () -> core.history(LAMP));

        lamp.start();
        long returned = System.nanoTime();
        Conditions.await("the lamp ONLINE again", WAIT, this::lampOnline, () -> core.history(LAMP));

        assertThat(Duration.ofNanos(System.nanoTime() - returned)).isLessThan(BACK_WITHIN);
        assertThat(session()).isEqualTo(session + 1);
    }

    @Test
    void aLampBackOnAnotherAddressIsFollowedOnceItAuthenticatesThere() throws Exception {
        Duration ttl = Duration.ofSeconds(2);
        announcer.announce(service(lamp), Duration.ofSeconds(4500), ttl);
        lamp.stop();
        Conditions.await("the lamp OFFLINE", WAIT, () -> !core.tracker.isLive(LAMP));

        SimulatedDevice moved = device(LAMP, key, lo3);
        long returned = System.nanoTime();
        announcer.announce(service(moved), Duration.ofSeconds(4500), ttl);
        Conditions.await("the lamp ONLINE at its new address", WAIT, this::lampOnline, () -> core.history(LAMP));

        assertThat(Duration.ofNanos(System.nanoTime() - returned))
                .as("within a re-query interval and a handshake").isLessThan(CoreUnderTest.REQUERY.plus(BACK_WITHIN));
        Conditions.await("the new address recorded", Duration.ofSeconds(5),
                () -> core.registry.find(LAMP).orElseThrow().address().equals(moved.address()));
        // the device reads Welcome a moment after the gateway sent it
        Conditions.await("the moved lamp welcomed", Duration.ofSeconds(5), () -> moved.connectedGateways() == 1);
        assertThat(core.counters.count("address_moves", "native")).isEqualTo(1);
    }

    private SimulatedDevice device(String id, DeviceSecret secret, InetAddress at) {
        SimulatedDevice d = new SimulatedDevice(SimulatedDeviceConfig.of(id, lampModel, secret, at)
                .withTimings(CoreUnderTest.HEARTBEAT, Duration.ofSeconds(1)), runtime);
        open.add(d);
        d.start();
        return d;
    }

    private static RogueAnnouncer.Service service(SimulatedDevice d) {
        return new RogueAnnouncer.Service(SimulatedDevice.SERVICE_TYPE, d.deviceId(), d.address().getAddress(), d.port(),
                Map.of("id", d.deviceId(), "model", d.model().model(), "pv", "1"));
    }

    private static DeviceSecret randomKey() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return new DeviceSecret(b);
    }

    private boolean lampOnline() {
        return core.tracker.availability(LAMP).map(a -> a.online() && !a.damped()).orElse(false);
    }

    private long session() {
        return core.tracker.availability(LAMP).orElseThrow().session();
    }

    private static String hostPort(SimulatedDevice d) {
        return d.address().getAddress().getHostAddress() + ":" + d.port();
    }

    /** Lets real time pass while the lamp must stay as it is; fails at once if it does not. */
    private void holdsFor(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        Conditions.await("time to pass with the lamp ONLINE", d.plusSeconds(5), () -> {
            if (!lampOnline()) throw new AssertionError("the lamp left ONLINE: " + core.history(LAMP));
            return System.nanoTime() >= end;
        });
    }
}
