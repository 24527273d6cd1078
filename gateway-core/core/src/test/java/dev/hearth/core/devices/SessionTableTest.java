package dev.hearth.core.devices;

import dev.hearth.core.GatewaySchemas;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.discovery.DiscoveryInbox;
import dev.hearth.core.discovery.PendingReason;
import dev.hearth.config.FlapDamping;
import dev.hearth.core.online.OnlineStatus;
import dev.hearth.core.online.OnlineTracker;
import dev.hearth.core.registry.Registry;
import dev.hearth.core.storage.Database;
import dev.hearth.testkit.ManualClock;
import dev.hearth.testkit.ManualScheduler;
import dev.hearth.driver.api.CommandFailure;
import dev.hearth.driver.api.CommandOutcome;
import dev.hearth.driver.api.DeviceCommand;
import dev.hearth.driver.api.DeviceEvent;
import dev.hearth.driver.api.DiscoveredDevice;
import dev.hearth.driver.api.DriverContext;
import dev.hearth.driver.api.DriverSettings;
import dev.hearth.driver.api.OfflineReason;
import dev.hearth.driver.api.model.ModelCatalog;
import java.util.Set;
import java.util.LinkedHashMap;
import dev.hearth.driver.api.model.ArgSpec;
import dev.hearth.driver.api.model.EventSpec;
import dev.hearth.driver.api.model.DataClass;
import dev.hearth.driver.api.model.Access;
import dev.hearth.driver.api.model.Range;
import dev.hearth.driver.api.model.ValueType;
import dev.hearth.driver.api.model.PropertySpec;
import dev.hearth.driver.api.model.ServiceSpec;
import dev.hearth.driver.api.model.DeviceModel;
import dev.hearth.driver.api.value.Value;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionTableTest {
    private final ManualClock clock = new ManualClock();
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final FakeDriver driver = new FakeDriver();
    private final CounterTally counters = new CounterTally();
    private final DiscoveryInbox inbox = new DiscoveryInbox(clock);
    private final OnlineTracker tracker = new OnlineTracker(clock, scheduler, new FlapDamping(5, java.time.Duration.ofMinutes(1), java.time.Duration.ofMinutes(1)));
    @TempDir Path dir;
    private Database db;
    private Registry registry;
    private SessionTable table;

    @BeforeEach
    void start() {
        db = GatewaySchemas.open(dir.resolve("hearth.db"));
        registry = new Registry(db, clock, scheduler, Duration.ofSeconds(1));
        tracker.addListener(registry);
        DriverContext context = new DriverContext(clock, scheduler, id -> Optional.empty(), new ModelCatalog(List.of(m1())),
                DriverSettings.defaults(), counters, dev.hearth.driver.api.DriverState.inMemory());
        // each event handled on the thread that reports it, so the assertions below need no waiting
        table = new SessionTable(List.of(driver), context, registry, tracker, inbox, ReportGate.strict(context.models()),
                SessionSettings.defaults(), new DeviceEventLanes(Runnable::run, 256, 4096,
                        why -> counters.increment("device_events_dropped", why)));
        table.start();
    }

    @AfterEach
    void stop() {
        table.stop();
        registry.close();
        db.close();
    }

    /** Model m1: 2.1 on (bool), 2.2 brightness (int 0..100), 2.3 label (string), 2.4 token (secret); event 3.1 with n (int). */
    private static DeviceModel m1() {
        return new DeviceModel("m1", "fake", "test model", Map.of(), List.of(
                new ServiceSpec(2, "light", List.of(
                        new PropertySpec(1, "on", ValueType.BOOL, Optional.empty(), Optional.empty(), Set.of(Access.READ),
                                DataClass.TELEMETRY, Optional.empty()),
                        new PropertySpec(2, "brightness", ValueType.INT, Optional.empty(), Optional.of(new Range(0, 100, 1)),
                                Set.of(Access.READ), DataClass.TELEMETRY, Optional.empty()),
                        new PropertySpec(3, "label", ValueType.STRING, Optional.empty(), Optional.empty(), Set.of(Access.READ),
                                DataClass.TELEMETRY, Optional.empty()),
                        new PropertySpec(4, "token", ValueType.STRING, Optional.empty(), Optional.empty(), Set.of(Access.READ),
                                DataClass.SECRET, Optional.empty())), List.of(), List.of()),
                new ServiceSpec(3, "events", List.of(), List.of(),
                        List.of(new EventSpec(1, "ping", List.of(new ArgSpec("n", ValueType.INT, DataClass.TELEMETRY)))))));
    }

    @Test
    void aReportIsCheckedAgainstTheModelBeforeTheRegistryStoresIt() {
        FakeDriver.FakeSession s = openLamp();
        s.sink.accept(new DeviceEvent.CameOnline(1, Optional.empty(), clock.instant()));
        Map<String, Value> report = new LinkedHashMap<>();
        report.put("2.1", Value.of(true));
        report.put("2.2", Value.of(Long.MAX_VALUE));
        report.put("2.3", Value.of("x".repeat(1025)));
        report.put("2.4", Value.of("0123456789abcdef0123456789abcdef"));
        report.put("2.1x", Value.of(1));
        s.sink.accept(new DeviceEvent.StateReported(report, clock.instant()));
        s.sink.accept(new DeviceEvent.StateReported(Map.of("2.1", new Value.Array(List.of(Value.of(false)))), clock.instant()));

        assertThat(registry.find("lamp").orElseThrow().state()).containsOnlyKeys("2.1").containsEntry("2.1", Value.of(true));
    }

    @Test
    void aDeviceInventingPropertyNamesCannotGrowItsState() {
        FakeDriver.FakeSession s = openLamp();
        for (int batch = 0; batch < 30; batch++) {
            Map<String, Value> report = new LinkedHashMap<>();
            for (int i = 0; i < 10_000; i++) report.put("p" + batch + "_" + i, Value.of(i));
            report.put("2.2", Value.of(batch));
            s.sink.accept(new DeviceEvent.StateReported(report, clock.instant()));
        }
        assertThat(registry.find("lamp").orElseThrow().state()).containsOnlyKeys("2.2").containsEntry("2.2", Value.of(29));
    }

    @Test
    void anEventLosesTheArgumentsThatDoNotMatchItsModel() {
        List<DeviceEvent.EventTriggered> events = new ArrayList<>();
        table.addEventListener((id, e) -> events.add(e));
        FakeDriver.FakeSession s = openLamp();
        s.sink.accept(new DeviceEvent.EventTriggered("3.1", Map.of("n", Value.of("13812345678"), "who", Value.of("bob")),
                clock.instant()));
        assertThat(events).singleElement().satisfies(e -> assertThat(e.args()).isEmpty());
    }

    private static DiscoveredDevice lamp(int port) {
        return new DiscoveredDevice("lamp", "fake", "m1", InetSocketAddress.createUnresolved("127.0.0.1", port), Map.of());
    }

    private FakeDriver.FakeSession openLamp() {
        table.open(lamp(7001));
        return driver.sessions.get("lamp");
    }

    @Test
    void routesLinkStateAndEventsToTrackerRegistryAndListeners() {
        List<DeviceEvent.EventTriggered> events = new ArrayList<>();
        table.addEventListener((id, e) -> events.add(e));
        FakeDriver.FakeSession s = openLamp();
        assertThat(driver.started).isTrue();

        s.sink.accept(new DeviceEvent.CameOnline(1, Optional.of("1.0"), clock.instant()));
        s.sink.accept(new DeviceEvent.StateReported(Map.of("2.1", Value.of(true)), clock.instant()));
        s.sink.accept(new DeviceEvent.EventTriggered("3.1", Map.of("n", Value.of(1)), clock.instant()));

        assertThat(registry.find("lamp").orElseThrow().availability().status()).isEqualTo(OnlineStatus.ONLINE);
        assertThat(registry.find("lamp").orElseThrow().state()).containsEntry("2.1", Value.of(true));
        assertThat(events).extracting(DeviceEvent.EventTriggered::event).containsExactly("3.1");

        s.sink.accept(new DeviceEvent.WentOffline(1, OfflineReason.HEARTBEAT_TIMEOUT, "silent", clock.instant()));
        assertThat(registry.find("lamp").orElseThrow().availability().reason()).contains(OfflineReason.HEARTBEAT_TIMEOUT);
    }

    @Test
    void aRefusedDeviceIsClosedUnadoptedCountedAndSentBackToTheInbox() {
        FakeDriver.FakeSession s = openLamp();
        s.sink.accept(new DeviceEvent.Refused("bad proof", clock.instant()));
        scheduler.runDue();

        assertThat(s.closed).isTrue();
        assertThat(table.isOpen("lamp")).isFalse();
        assertThat(registry.exists("lamp")).isFalse();
        assertThat(inbox.find("lamp").orElseThrow().reason()).isEqualTo(PendingReason.REFUSED);
        assertThat(inbox.find("lamp").orElseThrow().detail()).isEqualTo("bad proof");
        assertThat(counters.count("unadopted_devices", "refused")).isEqualTo(1);
    }

    @Test
    void aPlaintextRejectThatProvesNothingLeavesEvenANeverOnlineAdoptedDeviceAsItIs() {
        // issue 21, defect 3: a relay can inject the device's Reject during the handshake
        FakeDriver.FakeSession s = openLamp();
        s.sink.accept(new DeviceEvent.Refused("handshake rejected (GATEWAY_NOT_AUTHENTICATED)", clock.instant(), true));
        scheduler.runDue();

        assertThat(s.closed).as("the driver's session keeps reconnecting").isFalse();
        assertThat(table.isOpen("lamp")).isTrue();
        assertThat(registry.exists("lamp")).isTrue();
        assertThat(inbox.find("lamp")).isEmpty();
        assertThat(counters.count("unadopted_devices", "refused")).isZero();
    }

    private FakeDriver.FakeSession onlineLamp() {
        FakeDriver.FakeSession s = openLamp();
        s.sink.accept(new DeviceEvent.CameOnline(1, Optional.empty(), clock.instant()));
        scheduler.runDue();
        return s;
    }

    @Test
    void aGoodbyeForALiveDeviceAsksItsSessionToProbeAndChangesNothingElse() {
        FakeDriver.FakeSession s = onlineLamp();

        table.goodbye("lamp");
        scheduler.advance(Duration.ofMinutes(5));

        assertThat(s.probes).isEqualTo(1);
        assertThat(s.closed).isFalse();
        assertThat(table.isOpen("lamp")).isTrue();
        assertThat(tracker.availability("lamp").orElseThrow().online()).isTrue();
        assertThat(tracker.availability("lamp").orElseThrow().session()).isEqualTo(1);
    }

    @Test
    void aDeviceThatFailsTheProbeAfterAGoodbyeIsOfflineMdnsGoodbyeAndItsSessionStaysOpen() {
        FakeDriver.FakeSession s = onlineLamp();
        table.goodbye("lamp");
        scheduler.advance(Duration.ofSeconds(10));

        s.sink.accept(new DeviceEvent.WentOffline(1, OfflineReason.NO_RESPONSE, "no reply to 3 pings", clock.instant()));

        assertThat(tracker.availability("lamp").orElseThrow().reason()).contains(OfflineReason.MDNS_GOODBYE);
        assertThat(s.closed).isFalse();
        s.sink.accept(new DeviceEvent.CameOnline(2, Optional.empty(), clock.instant()));
        assertThat(tracker.availability("lamp").orElseThrow().online()).as("it comes back by itself").isTrue();
    }

    @Test
    void anOfflineLongAfterAGoodbyeKeepsItsOwnReason() {
        FakeDriver.FakeSession s = onlineLamp();
        table.goodbye("lamp");
        scheduler.advance(Duration.ofMinutes(2));

        s.sink.accept(new DeviceEvent.WentOffline(1, OfflineReason.HEARTBEAT_TIMEOUT, "silent", clock.instant()));

        assertThat(tracker.availability("lamp").orElseThrow().reason()).contains(OfflineReason.HEARTBEAT_TIMEOUT);
    }

    @Test
    void aGoodbyeOrExpiryForADeviceAlreadyOfflineKeepsItsSession() {
        FakeDriver.FakeSession s = onlineLamp();
        s.sink.accept(new DeviceEvent.WentOffline(1, OfflineReason.CONNECTION_CLOSED, "closed", clock.instant()));

        table.goodbye("lamp");

        assertThat(s.closed).isFalse();
        assertThat(tracker.availability("lamp").orElseThrow().reason()).contains(OfflineReason.CONNECTION_CLOSED);
        s.sink.accept(new DeviceEvent.CameOnline(2, Optional.empty(), clock.instant()));
        assertThat(tracker.isLive("lamp")).isTrue();
    }

    @Test
    void aMoveTakesEffectOnlyOnceTheDeviceAuthenticatesAtTheNewAddressWhileTheOldSessionIsDown() {
        FakeDriver.FakeSession old = onlineLamp();
        old.sink.accept(new DeviceEvent.WentOffline(1, OfflineReason.CONNECTION_CLOSED, "gone", clock.instant()));
        scheduler.runDue();

        table.rediscovered(lamp(7002));
        FakeDriver.FakeSession claim = driver.opened.get(driver.opened.size() - 1);
        assertThat(claim.address.getPort()).isEqualTo(7002);
        assertThat(old.closed).as("the old session is kept until the claim is proven").isFalse();
        assertThat(registry.find("lamp").orElseThrow().address().getPort()).isEqualTo(7001);

        claim.sink.accept(new DeviceEvent.CameOnline(1, Optional.empty(), clock.instant()));
        scheduler.runDue();

        assertThat(old.closed).isTrue();
        assertThat(registry.find("lamp").orElseThrow().address().getPort()).isEqualTo(7002);
        assertThat(tracker.availability("lamp").orElseThrow().online()).isTrue();
        assertThat(counters.count("address_moves", "fake")).isEqualTo(1);
        old.sink.accept(new DeviceEvent.WentOffline(1, OfflineReason.CONNECTION_CLOSED, "late", clock.instant()));
        assertThat(tracker.isLive("lamp")).as("the replaced session's last words are ignored").isTrue();
    }

    @Test
    void theTrackerAndTheInboxHearOfAMoveAndOfACollisionOutsideTheSessionTablesLock() {
        var heard = new ArrayList<String>();
        tracker.addListener(a -> heard.add("tracker " + a.online() + (Thread.holdsLock(table) ? " under the lock" : "")));
        inbox.onChange(() -> heard.add("inbox" + (Thread.holdsLock(table) ? " under the lock" : "")));
        FakeDriver.FakeSession old = onlineLamp();
        old.sink.accept(new DeviceEvent.WentOffline(1, OfflineReason.CONNECTION_CLOSED, "gone", clock.instant()));
        scheduler.runDue();
        table.rediscovered(lamp(7002));
        FakeDriver.FakeSession moved = driver.opened.get(driver.opened.size() - 1);
        heard.clear();

        moved.sink.accept(new DeviceEvent.CameOnline(1, Optional.empty(), clock.instant()));
        scheduler.runDue();
        assertThat(heard).as("the move").containsExactly("tracker true");

        table.rediscovered(lamp(7003));
        FakeDriver.FakeSession twin = driver.opened.get(driver.opened.size() - 1);
        heard.clear();
        twin.sink.accept(new DeviceEvent.CameOnline(1, Optional.empty(), clock.instant()));
        scheduler.runDue();
        assertThat(heard).as("the collision").containsExactly("inbox");
    }

    @Test
    void aClaimThatFailsAuthenticationChangesNothingAndIsNotTriedAgainAtOnce() {
        FakeDriver.FakeSession real = onlineLamp();
        table.rediscovered(lamp(7666));
        FakeDriver.FakeSession rogue = driver.opened.get(driver.opened.size() - 1);

        rogue.sink.accept(new DeviceEvent.Refused("bad proof", clock.instant()));
        scheduler.runDue();
        table.rediscovered(lamp(7666));

        assertThat(rogue.closed).isTrue();
        assertThat(driver.opened).as("no second dial of the rogue").hasSize(2);
        assertThat(real.closed).isFalse();
        assertThat(table.isOpen("lamp")).isTrue();
        assertThat(inbox.find("lamp")).isEmpty();
        assertThat(registry.exists("lamp")).isTrue();
        assertThat(tracker.availability("lamp").orElseThrow().online()).isTrue();
        assertThat(counters.count("unproven_claims", "refused")).isEqualTo(1);
        assertThat(counters.count("unproven_claims", "suppressed")).isEqualTo(1);
    }

    @Test
    void aClaimThatStaysSilentIsDroppedAfterItsTimeout() {
        FakeDriver.FakeSession real = onlineLamp();
        table.rediscovered(lamp(7002));
        FakeDriver.FakeSession silent = driver.opened.get(driver.opened.size() - 1);

        scheduler.advance(SessionSettings.defaults().claimTimeout().plusSeconds(1));

        assertThat(silent.closed).isTrue();
        assertThat(real.closed).isFalse();
        assertThat(registry.find("lamp").orElseThrow().address().getPort()).isEqualTo(7001);
        assertThat(counters.count("unproven_claims", "silent")).isEqualTo(1);
    }

    @Test
    void twoLiveDevicesWithOneIdAreBothLeftAloneAndTheCollisionGoesToTheInbox() {
        FakeDriver.FakeSession first = onlineLamp();
        table.rediscovered(lamp(7002));
        FakeDriver.FakeSession second = driver.opened.get(driver.opened.size() - 1);

        second.sink.accept(new DeviceEvent.CameOnline(1, Optional.empty(), clock.instant()));
        scheduler.runDue();
        table.rediscovered(lamp(7002));
        table.rediscovered(lamp(7001));

        assertThat(first.closed).isFalse();
        assertThat(second.closed).isTrue();
        assertThat(driver.opened).as("no knock-off loop").hasSize(2);
        assertThat(tracker.availability("lamp").orElseThrow().session()).isEqualTo(1);
        assertThat(inbox.find("lamp").orElseThrow().reason()).isEqualTo(PendingReason.ID_COLLISION);
        assertThat(counters.count("id_collisions", "fake")).isEqualTo(1);

        // the adopted one goes down: the other may be the same device, moved; it is tried again
        first.sink.accept(new DeviceEvent.WentOffline(1, OfflineReason.CONNECTION_CLOSED, "gone", clock.instant()));
        scheduler.runDue();
        assertThat(driver.opened).hasSize(3);
        assertThat(driver.opened.get(2).address.getPort()).isEqualTo(7002);
    }

    @Test
    void aRefusalAtTheKnownAddressOfAnAdoptedDeviceKeepsItAdoptedAndTriesAgainLater() {
        FakeDriver.FakeSession s = onlineLamp();
        s.sink.accept(new DeviceEvent.WentOffline(1, OfflineReason.CONNECTION_CLOSED, "closed", clock.instant()));
        s.sink.accept(new DeviceEvent.Refused("bad proof", clock.instant()));
        scheduler.runDue();

        assertThat(table.isOpen("lamp")).isTrue();
        assertThat(registry.exists("lamp")).isTrue();
        assertThat(inbox.find("lamp")).isEmpty();
        assertThat(counters.count("unadopted_devices", "refused")).isZero();
        scheduler.advance(SessionSettings.defaults().refusedRetry().plusSeconds(1));
        assertThat(driver.opened).hasSize(2);
        driver.opened.get(1).sink.accept(new DeviceEvent.CameOnline(1, Optional.empty(), clock.instant()));
        assertThat(tracker.isLive("lamp")).isTrue();
    }

    @Test
    void commandsToUnknownOrOfflineDevicesAreRejectedAndOthersForwarded() throws Exception {
        DeviceCommand cmd = new DeviceCommand.SetProperties(Map.of("2.1", Value.of(true)));
        assertThat(result(table.execute("ghost", cmd, Duration.ofSeconds(1))))
                .isEqualTo(new CommandResult.Rejected(CommandResult.Rejection.UNKNOWN_DEVICE, "no device ghost"));
        FakeDriver.FakeSession s = openLamp();
        assertThat(((CommandResult.Rejected) result(table.execute("lamp", cmd, Duration.ofSeconds(1)))).rejection())
                .isEqualTo(CommandResult.Rejection.DEVICE_OFFLINE);

        s.sink.accept(new DeviceEvent.CameOnline(1, Optional.empty(), clock.instant()));
        CompletionStage<CommandResult> pending = table.execute("lamp", cmd, Duration.ofSeconds(1));
        CommandOutcome ok = new CommandOutcome(List.of(new CommandOutcome.Item("2.1", 0, "", Optional.empty())));
        s.next.complete(ok);
        assertThat(result(pending)).isEqualTo(new CommandResult.Completed(ok));
        assertThat(s.commands).containsExactly(cmd);

        s.next = new java.util.concurrent.CompletableFuture<>();
        CompletionStage<CommandResult> late = table.execute("lamp", cmd, Duration.ofSeconds(1));
        s.next.completeExceptionally(new CommandFailure(CommandFailure.Code.DEVICE_TIMEOUT, "no answer in 1 s"));
        assertThat(result(late)).isEqualTo(new CommandResult.Rejected(CommandResult.Rejection.DEVICE_TIMEOUT, "no answer in 1 s"));
    }

    @Test
    void stoppingClosesSessionsMarksDevicesOfflineAndStopsDrivers() {
        FakeDriver.FakeSession s = openLamp();
        s.sink.accept(new DeviceEvent.CameOnline(1, Optional.empty(), clock.instant()));

        table.stop();

        assertThat(s.closed).isTrue();
        assertThat(driver.stopped).isTrue();
        assertThat(registry.find("lamp").orElseThrow().availability().reason()).contains(OfflineReason.GATEWAY_STOPPING);
    }

    private static CommandResult result(CompletionStage<CommandResult> stage) throws Exception {
        return stage.toCompletableFuture().get(1, java.util.concurrent.TimeUnit.SECONDS);
    }
}
