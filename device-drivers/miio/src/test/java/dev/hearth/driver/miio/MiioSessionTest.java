package dev.hearth.driver.miio;

import dev.hearth.testkit.ManualClock;
import dev.hearth.testkit.ManualScheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.driver.api.CommandFailure;
import dev.hearth.driver.api.CommandOutcome;
import dev.hearth.driver.api.DeviceCommand;
import dev.hearth.driver.api.DeviceEvent;
import dev.hearth.driver.api.DriverState;
import dev.hearth.driver.api.OfflineReason;
import dev.hearth.driver.api.model.DeviceModel;
import dev.hearth.driver.api.model.ModelCatalog;
import dev.hearth.driver.api.value.Value;
import dev.hearth.protocols.miio.MiioPacketCodec;
import dev.hearth.protocols.miio.MiioRpcMessage;
import dev.hearth.protocols.miio.MiioToken;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** The session's state machine on a fake clock against a scripted in-memory device. */
class MiioSessionTest {
    static final MiioToken TOKEN = MiioToken.fromHex("0123456789abcdef0123456789abcdef");
    static final MiioToken OTHER = MiioToken.fromHex("fedcba9876543210fedcba9876543210");
    static final ModelCatalog MODELS = ModelCatalog.fromClasspath(MiioSessionTest.class.getClassLoader());

    final ManualScheduler scheduler = new ManualScheduler(new ManualClock(Instant.parse("2025-01-01T00:00:00Z")));
    final List<DeviceEvent> events = new ArrayList<>();
    final Map<String, Integer> counters = new HashMap<>();
    final Map<String, Object> fan = new HashMap<>(Map.of("power", "off", "speed_level", 30, "temp_dec", 215, "humidity", 40));
    MiioOptions options = MiioOptions.defaults();
    String modelName = "zhimi.fan.v3";
    DriverState state = DriverState.inMemory();
    ScriptedDevice device;
    MiioSession session;

    Optional<MiioRpcMessage.Reply> fanBehaviour(MiioRpcMessage.Request r) {
        switch (r.method()) {
            case "miIO.info":
                return Optional.of(new MiioRpcMessage.Result(r.id(), device.node(
                        "{\"model\":\"zhimi.fan.v3\",\"fw_ver\":\"2.1.0\",\"hw_ver\":\"esp32\",\"mac\":\"AA:BB:CC:DD:EE:FF\","
                                + "\"token\":\"0123456789abcdef0123456789abcdef\",\"ap\":{\"ssid\":\"home\",\"bssid\":\"11:22:33:44:55:66\",\"rssi\":-50},"
                                + "\"netif\":{\"localIp\":\"127.0.0.2\"}}")));
            case "get_prop": {
                var values = device.json.createArrayNode();
                r.params().forEach(n -> values.addPOJO(fan.getOrDefault(n.asText(), "")));
                return Optional.of(new MiioRpcMessage.Result(r.id(), device.node(values.toString())));
            }
            case "set_power":
                fan.put("power", r.params().get(0).asText());
                return Optional.of(new MiioRpcMessage.Result(r.id(), device.node("[\"ok\"]")));
            case "set_buzzer":
                fan.put("buzzer", r.params().get(0));
                return Optional.of(new MiioRpcMessage.Result(r.id(), device.node("[\"ok\"]")));
            default:
                return Optional.of(new MiioRpcMessage.Failure(r.id(), -32601, "method not found"));
        }
    }

    void open(MiioToken deviceToken, MiioToken sessionToken) {
        DeviceModel model = MODELS.find(modelName).orElseThrow();
        options = options.forModel(model.options());
        device = new ScriptedDevice(deviceToken, this::fanBehaviour);
        InetSocketAddress address = new InetSocketAddress(loopback(), 54321);
        session = new MiioSession("miio-" + ScriptedDevice.DID, model, MiioApi.forModel(model, ScriptedDevice.DID, options.maxPropsPerRequest()), options,
                scheduler.clock(), scheduler, Runnable::run, events::add, new SplittableRandom(7), SessionRegistry.NONE,
                listener -> new MiioExchange(ScriptedDevice.DID, sessionToken, address, options, scheduler.clock(), scheduler,
                        Runnable::run, device, (c, reason) -> counters.merge(c + "/" + reason, 1, Integer::sum),
                        new MiioPacketCodec(16384), listener, new RequestIds(state, "miio-" + ScriptedDevice.DID)));
        device.session = session;
        session.start();
        scheduler.advance(Duration.ZERO);
    }

    static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("dev", new byte[] {127, 0, 0, 2});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    <T> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void handshakesProbesInfoComesOnlineAndPolls() {
        open(TOKEN, TOKEN);
        assertThat(device.hellos).isEqualTo(1);
        // the V3's 17 polled properties in python-miio's 15 per request
        assertThat(device.methods()).containsExactly("miIO.info", "get_prop", "get_prop");
        assertThat(device.requests.get(1).params()).hasSize(15);
        assertThat(events.get(0)).isInstanceOfSatisfying(DeviceEvent.CameOnline.class, e -> {
            assertThat(e.link()).isEqualTo(1);
            assertThat(e.firmware()).contains("2.1.0");
        });
        DeviceEvent.StateReported info = events(DeviceEvent.StateReported.class).get(0);
        assertThat(info.values()).containsEntry("1.6", Value.of("home")).containsEntry("1.8", Value.of(-50L))
                .containsEntry("1.5", Value.of("127.0.0.2"));
        // the token in miIO.info is SECRET: it stays in the session that read it
        assertThat(info.values()).doesNotContainKey("1.9");
        DeviceEvent.StateReported state = events(DeviceEvent.StateReported.class).get(1);
        assertThat(state.values()).containsEntry("2.1", Value.of("off")).containsEntry("2.2", Value.of(30L))
                .containsEntry("3.1", Value.of(215L));
        assertThat(device.requests.get(1).params().toString()).startsWith("[\"power\",\"speed_level\"");
    }

    @Test
    void asksTheSa1OnePropertyPerGetPropAsPythonMiioKnowsItAnswersNoMore() {
        modelName = "zhimi.fan.sa1";
        fan.put("buzzer", 2);
        open(TOKEN, TOKEN);
        List<MiioRpcMessage.Request> polls = device.requests.stream().filter(r -> r.method().equals("get_prop")).toList();
        assertThat(polls).hasSize(12).allSatisfy(r -> assertThat(r.params()).hasSize(1));
        // miIO.info's values, then the poll's twelve answers as one report
        assertThat(events(DeviceEvent.StateReported.class)).hasSize(2);
        Map<String, Value> reported = events(DeviceEvent.StateReported.class).get(1).values();
        // the SA1's buzzer is an int, 0 or 2; it has no temperature or humidity (those are the V2's and V3's)
        assertThat(reported).containsEntry("2.1", Value.of("off")).containsEntry("2.2", Value.of(30L))
                .containsEntry("2.7", Value.of(2L)).doesNotContainKeys("3.1", "3.2");
    }

    @Test
    void anSa1PollIsOneStateChangeThoughEachPropertyTakesARequestOfItsOwn() {
        modelName = "zhimi.fan.sa1";
        fan.put("buzzer", 2);
        open(TOKEN, TOKEN);
        int reports = events(DeviceEvent.StateReported.class).size();
        fan.put("power", "on");
        fan.put("buzzer", 0);
        int requests = device.requests.size();
        scheduler.advance(options.pollInterval());

        assertThat(device.requests.subList(requests, device.requests.size())).as("one get_prop per property")
                .filteredOn(r -> r.method().equals("get_prop")).hasSize(12);
        assertThat(events(DeviceEvent.StateReported.class)).hasSize(reports + 1).last()
                .satisfies(e -> assertThat(e.values()).isEqualTo(Map.of("2.1", Value.of("on"), "2.7", Value.of(0L))));
    }

    @Test
    void neverTwoRequestsAreInFlightToOneDeviceByDefault() throws Exception {
        open(TOKEN, TOKEN);
        device.deferReplies = true;
        int before = device.received.size();
        scheduler.advance(options.pollInterval()); // the poll's first get_prop goes out and waits for its reply
        CompletableFuture<CommandOutcome> set = session.execute(new DeviceCommand.SetProperties(Map.of("2.1", Value.of("on"))),
                Duration.ofSeconds(30)).toCompletableFuture();
        scheduler.advance(Duration.ZERO);
        assertThat(device.received.size() - before).as("the command waits behind the poll's request").isEqualTo(1);

        while (device.releaseOne()) scheduler.advance(Duration.ZERO);

        assertThat(set).isCompleted();
        assertThat(set.get().succeeded()).isTrue();
        assertThat(device.received.size() - before).as("the poll's two requests, the set, a fresh poll").isGreaterThanOrEqualTo(5);
        assertThat(device.mostUnanswered).isEqualTo(1);
    }

    @Test
    void aPollCutShortByTheLivenessProbeStillReportsWhatItRead() {
        modelName = "zhimi.fan.sa1";
        fan.put("buzzer", 2);
        open(TOKEN, TOKEN);
        fan.put("power", "on");
        fan.put("angle", 30);
        // the device answers the poll's first request (power), then falls silent
        device.behaviour = r -> {
            Optional<MiioRpcMessage.Reply> reply = fanBehaviour(r);
            if (r.method().equals("get_prop") && r.params().get(0).asText().equals("power")) device.silent = true;
            return reply;
        };
        int reports = events(DeviceEvent.StateReported.class).size();
        scheduler.advance(Duration.ofMinutes(1));

        assertThat(events(DeviceEvent.WentOffline.class)).hasSize(1);

        assertThat(events(DeviceEvent.StateReported.class)).hasSize(reports + 1).last()
                .satisfies(e -> assertThat(e.values()).isEqualTo(Map.of("2.1", Value.of("on"))));
    }

    @Test
    void setsTheSa1BuzzerWithTheIntItSends() throws Exception {
        modelName = "zhimi.fan.sa1";
        open(TOKEN, TOKEN);
        CompletableFuture<CommandOutcome> out = session.execute(new DeviceCommand.SetProperties(Map.of("2.7", Value.of(2L))),
                Duration.ofSeconds(5)).toCompletableFuture();
        scheduler.advance(Duration.ZERO);
        assertThat(out.get().items()).singleElement().satisfies(i -> assertThat(i.code()).isZero());
        assertThat(device.requests).filteredOn(r -> r.method().equals("set_buzzer"))
                .singleElement().satisfies(r -> assertThat(r.params().toString()).isEqualTo("[2]"));
    }

    @Test
    void aSessionOpenedAfterARestartSendsNoIdItsPredecessorUsed() {
        open(TOKEN, TOKEN);
        scheduler.advance(options.pollInterval().multipliedBy(40));
        List<Integer> used = device.received.stream().map(MiioRpcMessage.Request::id).toList();
        assertThat(used).hasSizeGreaterThan(60);
        session.close();
        scheduler.advance(Duration.ZERO);

        open(TOKEN, TOKEN); // the gateway started again: a new session on the same stored state
        scheduler.advance(options.pollInterval().multipliedBy(3));
        assertThat(device.received).isNotEmpty();
        assertThat(device.received.stream().map(MiioRpcMessage.Request::id).toList()).doesNotContainAnyElementsOf(used);
    }

    @Test
    void aReplyUnderOurTokenWithAnotherDeviceIdMarksTheDeviceReplacedAndOffersTheOther() {
        open(TOKEN, TOKEN);
        device.answerAs = 987_654L;
        scheduler.advance(options.pollInterval());

        DeviceEvent.Replaced replaced = events(DeviceEvent.Replaced.class).get(0);
        assertThat(replaced.link()).isEqualTo(1);
        assertThat(replaced.successor().deviceId()).isEqualTo("miio-987654");
        assertThat(replaced.successor().attributes()).containsEntry("did", "987654").containsEntry("replaces", "miio-" + ScriptedDevice.DID);
        assertThat(replaced.detail()).contains("987654");
        assertThat(counters).containsKey("foreign_replies/device_id");
        int reports = events(DeviceEvent.StateReported.class).size();
        scheduler.advance(options.probeMax().multipliedBy(3));
        // its replies are not our device's: no state from them, no second report, no CameOnline
        assertThat(events(DeviceEvent.StateReported.class)).hasSize(reports);
        assertThat(events(DeviceEvent.Replaced.class)).hasSize(1);
        assertThat(events(DeviceEvent.CameOnline.class)).hasSize(1);
    }

    @Test
    void aDeviceWithAnotherTokenAndIdAnsweringHellosAtTheAddressIsReportedAsTheReplacement() {
        open(TOKEN, TOKEN);
        device.token = OTHER;
        device.answerAs = 555L;
        scheduler.advance(Duration.ofMinutes(1));

        assertThat(events(DeviceEvent.WentOffline.class)).isEmpty();
        assertThat(events(DeviceEvent.Replaced.class)).singleElement()
                .satisfies(r -> assertThat(r.successor().deviceId()).isEqualTo("miio-555"));
    }

    @Test
    void pollingReportsOnlyChanges() {
        open(TOKEN, TOKEN);
        int reports = events(DeviceEvent.StateReported.class).size();
        scheduler.advance(options.pollInterval());
        assertThat(events(DeviceEvent.StateReported.class)).hasSize(reports);
        fan.put("temp_dec", 230);
        scheduler.advance(options.pollInterval());
        assertThat(events(DeviceEvent.StateReported.class)).last()
                .satisfies(e -> assertThat(e.values()).isEqualTo(Map.of("3.1", Value.of(230L))));
    }

    @Test
    void legacySetSendsSetterAndSucceeds() throws Exception {
        open(TOKEN, TOKEN);
        CompletableFuture<CommandOutcome> f = session.execute(new DeviceCommand.SetProperties(Map.of("2.1", Value.of("on"))),
                Duration.ofSeconds(5)).toCompletableFuture();
        assertThat(f).isCompleted();
        assertThat(f.get().succeeded()).isTrue();
        assertThat(f.get().items().get(0).key()).isEqualTo("2.1");
        assertThat(device.requests).anySatisfy(r -> {
            assertThat(r.method()).isEqualTo("set_power");
            assertThat(r.params().toString()).isEqualTo("[\"on\"]");
        });
        assertThat(fan).containsEntry("power", "on");
        scheduler.advance(Duration.ZERO); // a successful set triggers a poll
        assertThat(events(DeviceEvent.StateReported.class)).last()
                .satisfies(e -> assertThat(e.values()).containsEntry("2.1", Value.of("on")));
    }

    @Test
    void commandsThatDoNotFitTheModelAreInvalid() {
        open(TOKEN, TOKEN);
        assertFailure(session.execute(new DeviceCommand.SetProperties(Map.of("2.2", Value.of(500L))), Duration.ofSeconds(1)),
                CommandFailure.Code.INVALID_ARGUMENT);
        assertFailure(session.execute(new DeviceCommand.SetProperties(Map.of("3.1", Value.of(1L))), Duration.ofSeconds(1)),
                CommandFailure.Code.INVALID_ARGUMENT);
        assertFailure(session.execute(new DeviceCommand.SetProperties(Map.of("9.9", Value.of(1L))), Duration.ofSeconds(1)),
                CommandFailure.Code.INVALID_ARGUMENT);
        assertFailure(session.execute(new DeviceCommand.InvokeAction("2.1", List.of()), Duration.ofSeconds(1)),
                CommandFailure.Code.INVALID_ARGUMENT);
    }

    @Test
    void wrongTokenGoesOfflineAfterThePingsAndProbesAtAGrowingInterval() {
        open(TOKEN, OTHER);
        assertThat(events).isEmpty();
        // attempts of the first probe, then the pings
        scheduler.advance(options.requestTimeout().multipliedBy(options.retries() + 1));
        scheduler.advance(options.pingInterval().plus(options.requestTimeout()).multipliedBy(options.pings()));
        assertThat(events).singleElement().isInstanceOfSatisfying(DeviceEvent.WentOffline.class, e -> {
            assertThat(e.reason()).isEqualTo(OfflineReason.NO_RESPONSE);
            assertThat(e.detail()).isEqualTo("no reply — wrong token or device unreachable");
        });
        assertThat(device.requests).isEmpty(); // a wrong checksum never reaches the device's logic
        // no tight loop: over ten minutes the probes thin out to one a minute or so
        int before = device.packets;
        scheduler.advance(Duration.ofMinutes(10));
        int sent = device.packets - before;
        assertThat(sent).isBetween(10, 40);
        assertThat(events).hasSize(1);
    }

    @Test
    void silentDeviceGoesOfflineAndComesBackOnANewLink() {
        open(TOKEN, TOKEN);
        device.silent = true;
        scheduler.advance(Duration.ofSeconds(60));
        assertThat(events(DeviceEvent.WentOffline.class)).singleElement()
                .satisfies(e -> assertThat(e.link()).isEqualTo(1));
        assertFailure(session.execute(new DeviceCommand.SetProperties(Map.of("2.1", Value.of("on"))), Duration.ofSeconds(1)),
                CommandFailure.Code.DEVICE_OFFLINE);
        device.silent = false;
        scheduler.advance(options.probeMax().multipliedBy(2));
        assertThat(events(DeviceEvent.CameOnline.class)).extracting(DeviceEvent.CameOnline::link).containsExactly(1L, 2L);
    }

    @Test
    void aDeviceOffForThreeMinutesIsBackWithinOneProbeIntervalOfAnsweringAgain() {
        open(TOKEN, TOKEN);
        device.silent = true;
        scheduler.advance(Duration.ofMinutes(1));
        int sentAfterAMinute = device.packets;
        scheduler.advance(Duration.ofMinutes(2)); // production timings: re-probing has long reached probeMax (60 s)
        assertThat(events(DeviceEvent.WentOffline.class)).singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo(OfflineReason.NO_RESPONSE));
        assertThat(device.packets).as("still probing (hellos) while OFFLINE").isGreaterThan(sentAfterAMinute);

        device.silent = false;
        // the re-probe interval's jitter only shortens it, so the cap and one request bound the return
        scheduler.advance(options.probeMax().plus(options.requestTimeout()));

        assertThat(events(DeviceEvent.CameOnline.class)).extracting(DeviceEvent.CameOnline::link).containsExactly(1L, 2L);
    }

    @Test
    void silentDeviceIsOfflineWithinOnePollAttemptsAndThePings() {
        open(TOKEN, TOKEN);
        device.silent = true;
        // the next poll: its attempt, then hellos for its remaining attempts; then the pings, each
        // one attempt (hello included) after its interval
        Duration budget = options.pollInterval()
                .plus(options.requestTimeout().multipliedBy(options.retries() + 1))
                .plus(options.pingInterval().plus(options.requestTimeout()).multipliedBy(options.pings()));
        scheduler.advance(budget);
        assertThat(events(DeviceEvent.WentOffline.class)).singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo(OfflineReason.NO_RESPONSE));
    }

    @Test
    void aPollDueMidProbeNeitherRunsNorDelaysOffline() {
        // polls come due every 2 s, well inside the 15 s of pings: on the old code each one took
        // the device's attempts and hellos again, and OFFLINE came after 32 s instead of 23 s
        options = MiioOptions.from(Map.of("miio.pollInterval", "PT2S"));
        open(TOKEN, TOKEN);
        device.silent = true;
        Duration budget = options.pollInterval()
                .plus(options.requestTimeout().multipliedBy(options.retries() + 1))
                .plus(options.pingInterval().plus(options.requestTimeout()).multipliedBy(options.pings()));
        scheduler.advance(budget);
        assertThat(events(DeviceEvent.WentOffline.class)).singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo(OfflineReason.NO_RESPONSE));

        device.silent = false;
        scheduler.advance(options.probeMax().plus(options.requestTimeout()));
        assertThat(events(DeviceEvent.CameOnline.class)).hasSize(2);
        int pollsBack = polls();
        scheduler.advance(options.pollInterval().multipliedBy(2));
        assertThat(polls()).as("polling resumes once the device answers").isGreaterThan(pollsBack);
    }

    private int polls() {
        return (int) device.received.stream().filter(r -> r.method().equals("get_prop")).count();
    }

    @Test
    void timeoutRetriesWithANewId() {
        open(TOKEN, TOKEN);
        int[] drops = {1};
        var normal = device.behaviour;
        device.behaviour = r -> r.method().equals("set_power") && drops[0]-- > 0 ? Optional.empty() : normal.apply(r);
        var f = session.execute(new DeviceCommand.SetProperties(Map.of("2.1", Value.of("on"))), Duration.ofSeconds(10))
                .toCompletableFuture();
        scheduler.advance(options.requestTimeout());
        assertThat(f).isCompleted();
        List<MiioRpcMessage.Request> sets = device.requests.stream().filter(r -> r.method().equals("set_power")).toList();
        assertThat(sets).hasSize(2);
        assertThat(sets.get(1).id() - sets.get(0).id()).as("a retry jumps 100 ids, as python-miio's").isEqualTo(RequestTracker.RETRY_STEP);
        assertThat(device.hellos).isEqualTo(2); // the stamp is re-learnt before the retry
    }

    @Test
    void deviceBusyErrorIsRetriedWithANewId() throws Exception {
        open(TOKEN, TOKEN);
        int[] busy = {2};
        var normal = device.behaviour;
        device.behaviour = r -> r.method().equals("set_power") && busy[0]-- > 0
                ? Optional.of(new MiioRpcMessage.Failure(r.id(), -30001, "busy")) : normal.apply(r);
        var f = session.execute(new DeviceCommand.SetProperties(Map.of("2.1", Value.of("on"))), Duration.ofSeconds(10))
                .toCompletableFuture();
        assertThat(f.get().succeeded()).isTrue();
        assertThat(device.requests.stream().filter(r -> r.method().equals("set_power")).map(MiioRpcMessage.Request::id).distinct())
                .hasSize(3);
    }

    @Test
    void deviceErrorIsAnOutcomeNotAFailure() throws Exception {
        open(TOKEN, TOKEN);
        var normal = device.behaviour;
        device.behaviour = r -> r.method().equals("set_power") ? Optional.of(new MiioRpcMessage.Failure(r.id(), -5001, "bad")) : normal.apply(r);
        CommandOutcome o = session.execute(new DeviceCommand.SetProperties(Map.of("power", Value.of("on"))), Duration.ofSeconds(10))
                .toCompletableFuture().get();
        assertThat(o.succeeded()).isFalse();
        assertThat(o.items()).singleElement().satisfies(i -> assertThat(i.code()).isEqualTo(-5001));
    }

    @Test
    void commandNeverOutlivesItsTimeout() {
        open(TOKEN, TOKEN);
        var normal = device.behaviour;
        device.behaviour = r -> r.method().equals("set_power") ? Optional.empty() : normal.apply(r);
        var f = session.execute(new DeviceCommand.SetProperties(Map.of("2.1", Value.of("on"))), Duration.ofMillis(500))
                .toCompletableFuture();
        scheduler.advance(Duration.ofMillis(500));
        assertFailure(f, CommandFailure.Code.DEVICE_TIMEOUT);
    }

    @Test
    void closedSessionReportsNothingMore() {
        open(TOKEN, TOKEN);
        int before = events.size();
        session.close();
        fan.put("temp_dec", 300);
        device.silent = true;
        scheduler.advance(Duration.ofMinutes(5));
        assertThat(events).hasSize(before);
    }

    @Test
    void malformedPacketsAreCountedAndIgnored() {
        open(TOKEN, TOKEN);
        session.onPacket(new byte[] {0x21, 0x31, 0, 5});
        session.onPacket(new byte[64]);
        assertThat(counters).containsEntry("malformed_packets/truncated", 1).containsEntry("malformed_packets/bad_magic", 1);
    }

    static void assertFailure(java.util.concurrent.CompletionStage<?> stage, CommandFailure.Code code) {
        CompletableFuture<?> f = stage.toCompletableFuture();
        assertThat(f).isCompletedExceptionally();
        try {
            f.get();
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOfSatisfying(CommandFailure.class, c -> assertThat(c.code()).isEqualTo(code));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
