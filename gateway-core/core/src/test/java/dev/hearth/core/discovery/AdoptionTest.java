package dev.hearth.core.discovery;

import dev.hearth.core.GatewaySchemas;
import static dev.hearth.core.discovery.DiscoveryInboxTest.device;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.devices.DeviceSecrets;
import dev.hearth.core.registry.Registry;
import dev.hearth.core.storage.Database;
import dev.hearth.testkit.ManualClock;
import dev.hearth.testkit.ManualScheduler;
import dev.hearth.driver.api.Announcement;
import dev.hearth.driver.api.DeviceSecret;
import dev.hearth.driver.api.DiscoveredDevice;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdoptionTest {
    private final ManualClock clock = new ManualClock();
    private final DiscoveryInbox inbox = new DiscoveryInbox(clock);
    private final DeviceSecrets secrets = new DeviceSecrets();
    private final RecordingSessions sessions = new RecordingSessions();
    @TempDir Path dir;
    private Database db;
    private Registry registry;

    @BeforeEach
    void openRegistry() {
        db = GatewaySchemas.open(dir.resolve("hearth.db"));
        registry = new Registry(db, clock, new ManualScheduler(clock), Duration.ofSeconds(1));
    }

    @AfterEach
    void closeRegistry() {
        registry.close();
        db.close();
    }

    private Adoption adoption(List<DiscoveredDevice> statics) {
        return new Adoption(registry, secrets, inbox, sessions, statics);
    }

    private static final Announcement ANNOUNCEMENT = new Announcement("_hearth._tcp.local.", "lamp", List.of(), 7001, Map.of("id", "lamp"));
    private static final DeviceSecret KEY = DeviceSecret.fromHex("00112233445566778899aabbccddeeff");

    @Test
    void aNewDeviceWithoutASecretWaitsInTheInbox() {
        adoption(List.of()).discovered(device("lamp", 7001), ANNOUNCEMENT);

        assertThat(sessions.opened).isEmpty();
        assertThat(inbox.find("lamp").orElseThrow().reason()).isEqualTo(PendingReason.NO_SECRET);
    }

    @Test
    void aNewDeviceWithASecretStillWaitsUntilAdoptedExplicitly() {
        secrets.put("lamp", KEY);
        Adoption adoption = adoption(List.of());
        adoption.discovered(device("lamp", 7001), ANNOUNCEMENT);
        assertThat(inbox.find("lamp").orElseThrow().reason()).isEqualTo(PendingReason.NOT_ADOPTED);
        assertThat(sessions.opened).isEmpty();

        assertThat(adoption.adopt("lamp")).isEqualTo(AdoptResult.ADOPTED);

        assertThat(sessions.opened).extracting(DiscoveredDevice::deviceId).containsExactly("lamp");
        assertThat(inbox.find("lamp")).isEmpty();
        assertThat(adoption.adopt("lamp")).isEqualTo(AdoptResult.ALREADY_ADOPTED);
    }

    @Test
    void explicitAdoptionNeedsTheSecretAndADiscoveredDevice() {
        Adoption adoption = adoption(List.of());
        adoption.discovered(device("lamp", 7001), ANNOUNCEMENT);
        assertThat(adoption.adopt("lamp")).isEqualTo(AdoptResult.NO_SECRET);
        assertThat(adoption.adopt("ghost")).isEqualTo(AdoptResult.NOT_DISCOVERED);
        secrets.put("lamp", KEY);
        assertThat(adoption.adopt("lamp")).isEqualTo(AdoptResult.ADOPTED);
    }

    @Test
    void aKnownDeviceWithItsSecretIsAdoptedAutomatically() {
        registry.recordDiscovery(device("lamp", 7001));
        secrets.put("lamp", KEY);

        adoption(List.of()).discovered(device("lamp", 7001), ANNOUNCEMENT);

        assertThat(sessions.opened).extracting(DiscoveredDevice::deviceId).containsExactly("lamp");
    }

    @Test
    void aKnownDeviceWithoutItsSecretWaits() {
        registry.recordDiscovery(device("lamp", 7001));
        adoption(List.of()).discovered(device("lamp", 7001), ANNOUNCEMENT);
        assertThat(sessions.opened).isEmpty();
        assertThat(inbox.find("lamp").orElseThrow().reason()).isEqualTo(PendingReason.NO_SECRET);
    }

    @Test
    void staticEntriesAndKnownDevicesAreOpenedAtStartWhenTheirSecretIsThere() {
        secrets.put("static-1", KEY);
        secrets.put("known-1", KEY);
        registry.recordDiscovery(device("known-1", 7002));
        registry.recordDiscovery(device("known-nokey", 7003));
        DiscoveredDevice s = new DiscoveredDevice("static-1", "native", "hearth.light.lamp1", InetSocketAddress.createUnresolved("127.0.0.9", 7000), Map.of("source", "static"));

        adoption(List.of(s)).start();

        assertThat(sessions.opened).extracting(DiscoveredDevice::deviceId).containsExactlyInAnyOrder("static-1", "known-1");
        assertThat(inbox.find("known-nokey").orElseThrow().reason()).isEqualTo(PendingReason.NO_SECRET);
    }

    @Test
    void aRefusedDeviceIsNotRetriedAtEachAnnouncementButCanBeAdoptedAgain() {
        secrets.put("lamp", KEY);
        registry.recordDiscovery(device("lamp", 7001));
        inbox.offer(device("lamp", 7001), PendingReason.REFUSED, "bad proof");
        Adoption adoption = adoption(List.of());

        adoption.discovered(device("lamp", 7001), ANNOUNCEMENT);
        assertThat(sessions.opened).isEmpty();
        assertThat(inbox.find("lamp").orElseThrow().reason()).isEqualTo(PendingReason.REFUSED);

        assertThat(adoption.adopt("lamp")).isEqualTo(AdoptResult.ADOPTED);
        assertThat(sessions.opened).hasSize(1);
    }

    @Test
    void anOpenDeviceAnnouncedAgainIsRediscoveredAndAGoodbyeReachesItsSession() {
        secrets.put("lamp", KEY);
        registry.recordDiscovery(device("lamp", 7001));
        Adoption adoption = adoption(List.of());
        adoption.discovered(device("lamp", 7001), ANNOUNCEMENT);
        adoption.discovered(device("lamp", 7005), ANNOUNCEMENT);

        assertThat(sessions.rediscovered).extracting(d -> d.address().getPort()).containsExactly(7005);

        adoption.goodbye("lamp");
        assertThat(sessions.goodbyes).containsExactly("lamp");
    }

    /** Records what adoption asks for. */
    static final class RecordingSessions implements SessionControl {
        final List<DiscoveredDevice> opened = new ArrayList<>();
        final List<DiscoveredDevice> rediscovered = new ArrayList<>();
        final List<String> goodbyes = new ArrayList<>();
        final Set<String> open = new HashSet<>();

        @Override public boolean isOpen(String deviceId) { return open.contains(deviceId); }
        @Override public void open(DiscoveredDevice device) { opened.add(device); open.add(device.deviceId()); }
        @Override public void rediscovered(DiscoveredDevice device) { rediscovered.add(device); }
        @Override public void goodbye(String deviceId) { goodbyes.add(deviceId); }
        @Override public void reopen(DiscoveredDevice device) { reopened.add(device); }
        final List<DiscoveredDevice> reopened = new ArrayList<>();
    }

    private static DiscoveredDevice as(DiscoveredDevice d, String model) {
        return new DiscoveredDevice(d.deviceId(), d.protocol(), model, d.address(), d.attributes());
    }

    @Test
    void anAnnouncementClaimingAnotherModelForAnAdoptedIdChangesNothingAndWaitsForTheOwner() {
        secrets.put("lamp", KEY);
        DiscoveredDevice real = device("lamp", 7001);
        registry.recordDiscovery(real);
        dev.hearth.core.devices.CounterTally counters = new dev.hearth.core.devices.CounterTally();
        Adoption adoption = new Adoption(registry, secrets, inbox, sessions, List.of(), counters);
        adoption.discovered(real, ANNOUNCEMENT);

        adoption.discovered(as(real, "unknown.model"), ANNOUNCEMENT);
        adoption.discovered(as(device("lamp", 7009), "unknown.model"), ANNOUNCEMENT);

        assertThat(registry.find("lamp").orElseThrow().model()).isEqualTo(real.model());
        assertThat(sessions.rediscovered).as("a forged identity is not followed, not even its address").isEmpty();
        InboxEntry notice = inbox.find("lamp").orElseThrow();
        assertThat(notice.reason()).isEqualTo(PendingReason.MODEL_CHANGED);
        assertThat(notice.device().model()).isEqualTo("unknown.model");
        assertThat(counters.count("identity_mismatches", "model")).isEqualTo(2);
        assertThat(adoption.adopt("lamp")).as("adopting does not swallow the notice").isEqualTo(AdoptResult.ALREADY_ADOPTED);
    }

    @Test
    void theOwnerAcceptingAModelChangeRepinsTheRegistryAndReopensTheSession() {
        secrets.put("lamp", KEY);
        DiscoveredDevice real = device("lamp", 7001);
        registry.recordDiscovery(real);
        Adoption adoption = adoption(List.of());
        adoption.discovered(real, ANNOUNCEMENT);
        adoption.discovered(as(real, "hearth.light.lamp2"), ANNOUNCEMENT);

        assertThat(adoption.acceptModel("lamp")).isEqualTo(ModelChangeResult.ACCEPTED);

        assertThat(registry.find("lamp").orElseThrow().model()).isEqualTo("hearth.light.lamp2");
        assertThat(sessions.reopened).extracting(DiscoveredDevice::model).containsExactly("hearth.light.lamp2");
        assertThat(inbox.find("lamp")).isEmpty();
        assertThat(adoption.acceptModel("lamp")).isEqualTo(ModelChangeResult.NO_MODEL_CHANGE);
    }

    @Test
    void aStaticDeviceIsPinnedByItsConfigEvenBeforeItWasEverAdopted() {
        secrets.put("static-1", KEY);
        DiscoveredDevice s = new DiscoveredDevice("static-1", "native", "hearth.light.lamp1", new InetSocketAddress("127.0.0.9", 7000), Map.of("source", "static"));
        Adoption adoption = adoption(List.of(s));
        DiscoveredDevice forged = new DiscoveredDevice("static-1", "native", "unknown.model", new InetSocketAddress("127.0.0.9", 7000), Map.of());

        adoption.discovered(forged, ANNOUNCEMENT);

        assertThat(sessions.opened).isEmpty();
        assertThat(inbox.find("static-1").orElseThrow().reason()).isEqualTo(PendingReason.MODEL_CHANGED);
        assertThat(adoption.acceptModel("static-1")).isEqualTo(ModelChangeResult.PINNED_BY_CONFIG);
    }

}
