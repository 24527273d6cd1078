package dev.hearth.app.miio;

import dev.hearth.testkit.LoopbackAliases;
import dev.hearth.core.miio.LocalApiClient;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.hearth.config.ConfigLoader;
import dev.hearth.config.ConfigResult;
import dev.hearth.config.OwnerOnly;
import dev.hearth.config.SecretsFile;
import dev.hearth.config.SecretsResult;
import dev.hearth.core.GatewayAssembly;
import dev.hearth.app.cli.HearthCli;
import dev.hearth.testkit.MosquittoBroker;
import dev.hearth.testkit.Conditions;
import dev.hearth.testkit.PrivateNetwork;
import dev.hearth.simulator.miio.MiioFleet;
import dev.hearth.simulator.miio.SimulatedMiioDevice;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The whole gateway ({@link GatewayAssembly} from a YAML file) and 10 simulated miIO devices
 * (legacy fans and MIoT plugs, each announced by mDNS from its own 127.0.0.x), a real Mosquitto
 * as the cloud and the real {@code hearth ctl}, in the test's own network namespace, on real time.
 */
class GatewayMiioIT {
    private static final int FLEET = 10;
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration PROBE_INITIAL = Duration.ofSeconds(1);
    private static final int PINGS = 2;
    private static final Duration PING_INTERVAL = Duration.ofMillis(500);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(700);
    private static final int RETRIES = 2;
    private static final String NO_REPLY = "no reply — wrong token or device unreachable";
    private static final String OWNER = "owner-1";

    @TempDir Path dir;
    private LocalApiClient api;

    private record Run(int exit, String out, String err) { }

    @Test
    void discoversAdoptsPollsCommandsAndTracksMiioDevices() throws Exception {
        PrivateNetwork.require();
        MiioFleet.Options options = MiioFleet.Options.of(FLEET);
        LoopbackAliases.add(addresses(options));

        try (MiioFleet fleet = MiioFleet.start(options); MosquittoBroker broker = MosquittoBroker.start()) {
            List<SimulatedMiioDevice> d = fleet.devices();
            SimulatedMiioDevice fan = d.get(0), silent = d.get(1), plugByHand = d.get(5), plugByCli = d.get(3),
                    fanByCli = d.get(4), wrongToken = d.get(8), noToken = d.get(9);
            List<SimulatedMiioDevice> withToken = d.subList(0, 9);
            List<SimulatedMiioDevice> good = d.subList(0, 8);

            Path keys = dir.resolve("keys");
            Run init = hearth("ctl", "keys", "init", "--out", keys.toString(), "--key-id", "it");
            assertThat(init.exit()).as(init.err()).isZero();
            Path config = writeConfig(broker, Files.readString(keys.resolve("command.pub")).strip());
            writeSecrets(dir.resolve("data/secrets.yaml"), withToken, wrongToken);

            try (GatewayAssembly gateway = gateway(config)) {
                gateway.start();
                api = new LocalApiClient(gateway.httpAddress().orElseThrow(), gateway.apiToken().reveal());

                // Discovery: all ten by mDNS; never seen before, so each waits in the inbox, saying why.
                Duration discovered = Conditions.await("all devices in the inbox", Duration.ofSeconds(30),
                        () -> api.get("/api/v1/inbox").size() == FLEET, () -> api.get("/api/v1/inbox"));
                for (SimulatedMiioDevice s : withToken) {
                    assertThat(inboxReason(s)).as(s.gatewayDeviceId()).isEqualTo("new device: adopt it to connect");
                    assertThat(api.inboxEntry(s.gatewayDeviceId()).orElseThrow().path("model").asText()).isEqualTo(s.model());
                }
                assertThat(inboxReason(noToken)).isEqualTo("no key or token is configured for this device");

                // Adoption with the configured tokens (nothing in the request).
                for (SimulatedMiioDevice s : withToken) {
                    LocalApiClient.Reply adopted = api.post("/api/v1/inbox/" + s.gatewayDeviceId() + "/adopt", "");
                    assertThat(adopted.status()).as(adopted.body().toString()).isEqualTo(200);
                    assertThat(adopted.body().path("result").asText()).isEqualTo("ADOPTED");
                }
                Duration adopted = Conditions.await("8 devices online", Duration.ofSeconds(15),
                        () -> good.stream().allMatch(s -> status(s).equals("online")), () -> api.get("/api/v1/devices"));
                Conditions.await("first poll of every device", Duration.ofSeconds(5),
                        () -> good.stream().allMatch(s -> state(s).has("2.1")), () -> api.get("/api/v1/devices"));
                assertThat(state(fan).path("3.1").asInt()).isEqualTo(231);
                assertThat(state(fan).path("2.1").asText()).isEqualTo("off");
                assertThat(state(plugByCli).path("2.1").asBoolean()).isFalse();
                assertThat(state(fan).has("1.9")).as("tokens are never shown").isFalse();

                // The silent device is timed from here while the rest goes on.
                long silencedAt = System.nanoTime();
                silent.faults().silent(true);

                // Changed on the device itself: seen within the poll interval.
                fan.change("power", JsonNodeFactory.instance.textNode("on"));
                plugByHand.change("2.1", JsonNodeFactory.instance.booleanNode(true));
                Duration fanSeen = Conditions.await("the fan's power on", Duration.ofSeconds(10),
                        () -> state(fan).path("2.1").asText().equals("on"), () -> api.device(fan.gatewayDeviceId()));
                Duration plugSeen = Conditions.await("the plug on", Duration.ofSeconds(10),
                        () -> state(plugByHand).path("2.1").asBoolean() && state(plugByHand).path("2.6").asDouble() == 23.5,
                        () -> api.device(plugByHand.gatewayDeviceId()));
                assertThat(fanSeen).isLessThanOrEqualTo(POLL.plusMillis(1500));
                assertThat(plugSeen).isLessThanOrEqualTo(POLL.plusMillis(1500));

                // hearth ctl set, signed, through Mosquitto and the cloud bridge, to a plug (MIoT) and a fan (legacy).
                Conditions.await("the cloud link", Duration.ofSeconds(15), () -> gateway.brokerLink().equals("connected"));
                List<String> cloud = List.of("--broker", broker.uri().toString(), "--home", "home-it", "--gateway", "gw-miio",
                        "--key", keys.resolve("command.key").toString(), "--key-id", "it", "--timeout", "10s", "--as", OWNER);
                Run plugSet = ctl(cloud, "set", plugByCli.gatewayDeviceId(), "2.1=true");
                assertThat(plugSet.exit()).as(plugSet.err()).isZero();
                assertThat(plugSet.out()).startsWith("OK").contains("2.1 code=0");
                assertThat(plugByCli.state().get("2.1").asBoolean()).isTrue();
                Run fanSet = ctl(cloud, "set", fanByCli.gatewayDeviceId(), "2.1=on", "2.2=70");
                assertThat(fanSet.exit()).as(fanSet.err()).isZero();
                assertThat(fanByCli.state()).containsEntry("power", JsonNodeFactory.instance.textNode("on"))
                        .containsEntry("speed_level", JsonNodeFactory.instance.numberNode(70));
                Conditions.await("the set values in the registry", Duration.ofSeconds(5),
                        () -> state(plugByCli).path("2.1").asBoolean() && state(fanByCli).path("2.2").asInt() == 70);

                // Wrong token: the device stays silent, so it is OFFLINE "no reply", never ONLINE.
                Conditions.await("the wrong-token device offline", Duration.ofSeconds(30),
                        () -> status(wrongToken).equals("offline"), () -> api.device(wrongToken.gatewayDeviceId()));
                assertNoResponse(wrongToken);
                assertThat(availability(wrongToken).path("session").asLong()).isZero();
                assertThat(wrongToken.ignoredPackets()).as("requests under the wrong token").isPositive();

                // No token: waits in the inbox, never sent a single encrypted request; then adopted with its token.
                assertThat(api.inboxEntry(noToken.gatewayDeviceId())).isPresent();
                assertThat(api.device(noToken.gatewayDeviceId())).isEmpty();
                assertThat(noToken.encryptedPacketsReceived()).isZero();
                LocalApiClient.Reply refused = api.post("/api/v1/inbox/" + noToken.gatewayDeviceId() + "/adopt", "");
                assertThat(refused.status()).isEqualTo(409);
                assertThat(refused.body().toString()).contains("no_secret");
                assertThat(noToken.encryptedPacketsReceived()).isZero();
                LocalApiClient.Reply late = api.post("/api/v1/inbox/" + noToken.gatewayDeviceId() + "/adopt",
                        "{\"secret\": \"" + noToken.token().toHex() + "\"}");
                assertThat(late.status()).as(late.body().toString()).isEqualTo(200);
                Conditions.await("the late-adopted device online", Duration.ofSeconds(10),
                        () -> status(noToken).equals("online"), () -> api.device(noToken.gatewayDeviceId()));
                assertThat(api.inboxEntry(noToken.gatewayDeviceId())).isEmpty();
                assertThat(Files.readString(dir.resolve("data/secrets.yaml"))).contains(noToken.gatewayDeviceId());

                // Silence: OFFLINE NO_RESPONSE within what the configuration allows, back ONLINE in a new session.
                Conditions.await("the silent device offline", Duration.ofSeconds(40),
                        () -> status(silent).equals("offline"), () -> api.device(silent.gatewayDeviceId()));
                Duration silentFor = Duration.ofNanos(System.nanoTime() - silencedAt);
                assertNoResponse(silent);
                assertThat(silentFor).isBetween(PING_INTERVAL.multipliedBy(PINGS), silenceBudget());
                long sessionBefore = availability(silent).path("session").asLong();
                silent.faults().silent(false);
                Duration back = Conditions.await("the silent device back", Duration.ofSeconds(15),
                        () -> status(silent).equals("online"), () -> api.device(silent.gatewayDeviceId()));
                assertThat(availability(silent).path("session").asLong()).isEqualTo(sessionBefore + 1);

                // The wrong-token device never came online; nobody else was disturbed.
                assertNoResponse(wrongToken);
                for (SimulatedMiioDevice s : good) {
                    if (s != silent) assertThat(availability(s).path("session").asLong()).as(s.gatewayDeviceId()).isEqualTo(1);
                }
                assertThat(api.get("/api/v1/devices").size()).isEqualTo(FLEET);

                // What reached the cloud (retained, read back with ctl devices): availability and filtered state.
                List<String> reader = cloud.subList(0, cloud.size() - 2);
                String fanLine = fan.gatewayDeviceId() + "  ONLINE  ";
                Duration cloudView = Conditions.await("the cloud's view", Duration.ofSeconds(10), () -> {
                    String out = ctl(reader, "devices").out();
                    return out.contains(wrongToken.gatewayDeviceId() + "  OFFLINE (NO_RESPONSE)")
                            && out.contains(silent.gatewayDeviceId() + "  ONLINE")
                            && line(out, fanLine).contains("{\"key\":\"2.1\",\"value\":{\"stringValue\":\"on\"}}")
                            && line(out, plugByCli.gatewayDeviceId()).contains("{\"key\":\"2.1\",\"value\":{\"boolValue\":true}}");
                }, () -> ctl(reader, "devices"));
                String fanInCloud = line(ctl(reader, "devices").out(), fanLine);
                assertThat(fanInCloud).as("no token, no personal data in the cloud")
                        .doesNotContain(fan.token().toHex()).doesNotContain("\"1.9\"").doesNotContain("\"1.5\"")
                        .doesNotContain(fan.address().getAddress().getHostAddress());
                System.out.printf("GatewayMiioIT: inbox %d ms, online %d ms, device-side change seen %d/%d ms, "
                                + "silent -> offline %d ms, back %d ms, cloud view read in %d ms%n", discovered.toMillis(), adopted.toMillis(),
                        fanSeen.toMillis(), plugSeen.toMillis(), silentFor.toMillis(), back.toMillis(), cloudView.toMillis());
            }
        }
    }

    /**
     * The longest a silent device may take to go OFFLINE: the wait for the next poll, the poll's
     * first attempt and the hello retries after it, then each ping (its interval and the hello
     * retries), plus scheduling slack.
     */
    private static Duration silenceBudget() {
        // the next poll, that poll's attempts (hellos included), then each ping once; plus slack for the machine
        Duration poll = POLL.plus(REQUEST_TIMEOUT.multipliedBy(RETRIES + 1));
        Duration pings = PING_INTERVAL.plus(REQUEST_TIMEOUT).multipliedBy(PINGS);
        return poll.plus(pings).plusSeconds(2);
    }

    private void assertNoResponse(SimulatedMiioDevice s) {
        JsonNode a = availability(s);
        assertThat(a.path("status").asText()).as(s.gatewayDeviceId()).isEqualTo("offline");
        assertThat(a.path("reason").asText()).isEqualTo("NO_RESPONSE");
        assertThat(a.path("detail").asText()).isEqualTo(NO_REPLY);
    }

    private JsonNode availability(SimulatedMiioDevice s) {
        return api.device(s.gatewayDeviceId()).map(n -> n.path("status")).orElseThrow(() -> new AssertionError("not listed: " + s));
    }

    private String status(SimulatedMiioDevice s) {
        return api.device(s.gatewayDeviceId()).map(n -> n.path("status").path("status").asText()).orElse("absent");
    }

    private JsonNode state(SimulatedMiioDevice s) {
        return api.device(s.gatewayDeviceId()).map(n -> n.path("state")).orElse(JsonNodeFactory.instance.objectNode());
    }

    private String inboxReason(SimulatedMiioDevice s) {
        return api.inboxEntry(s.gatewayDeviceId()).map(e -> e.path("reason").asText()).orElse("(not in the inbox)");
    }

    private static String line(String out, String start) {
        return out.lines().filter(l -> l.startsWith(start)).findFirst().orElse("");
    }

    private static Run hearth(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = HearthCli.commandLine(new HearthCli(Map.of()));
        int exit = cli.setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static Run ctl(List<String> cloud, String... command) {
        List<String> args = new java.util.ArrayList<>(List.of("ctl"));
        args.addAll(List.of(command));
        args.addAll(cloud);
        return hearth(args.toArray(String[]::new));
    }

    private static List<java.net.InetAddress> addresses(MiioFleet.Options options) {
        byte[] first = options.firstAddress().getAddress();
        return java.util.stream.IntStream.range(0, options.count())
                .mapToObj(i -> MiioFleet.address(127, 0, 0, (first[3] & 0xff) + i)).toList();
    }

    private Path writeConfig(MosquittoBroker broker, String publicKey) throws Exception {
        Path file = dir.resolve("hearth.yaml");
        Files.writeString(file, """
                home: { id: home-it, owner: %s, trust: cloud }
                gateway: { id: gw-miio, dataDir: ./data }
                discovery: { enabled: true, interfaces: ["127.0.0.1"] }
                cloud:
                  broker: "%s"
                  reconnect: { min: 200ms, max: 2s }
                  trustedKeys:
                    - { id: it, publicKey: "%s" }
                http: { enabled: true, bind: 127.0.0.1, port: 0 }
                online:
                  commandTimeout: 5s
                  miioPollInterval: %dms
                  miioProbe: { initial: %dms, max: 4s, pings: %d, pingInterval: %dms, requestTimeout: %dms, retries: %d }
                """.formatted(OWNER, broker.uri(), publicKey, POLL.toMillis(), PROBE_INITIAL.toMillis(), PINGS,
                PING_INTERVAL.toMillis(), REQUEST_TIMEOUT.toMillis(), RETRIES));
        return file;
    }

    /** Tokens for {@code devices}, owner-only; {@code wrong} gets a random token instead of its own. */
    private static void writeSecrets(Path file, List<SimulatedMiioDevice> devices, SimulatedMiioDevice wrong) throws Exception {
        StringBuilder yaml = new StringBuilder("devices:\n");
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        for (SimulatedMiioDevice s : devices) {
            String token = s == wrong ? HexFormat.of().formatHex(random) : s.token().toHex();
            yaml.append("  ").append(s.gatewayDeviceId()).append(": \"").append(token).append("\"\n");
        }
        OwnerOnly.createDirectories(file.getParent());
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, yaml);
    }

    private static GatewayAssembly gateway(Path configFile) throws Exception {
        ConfigResult loaded = new ConfigLoader(Map.of()).load(configFile);
        assertThat(loaded).as(loaded.toString()).isInstanceOf(ConfigResult.Valid.class);
        SecretsResult secrets = SecretsFile.load(configFile.resolveSibling("data/secrets.yaml"));
        assertThat(secrets).as(secrets.toString()).isInstanceOf(SecretsResult.Loaded.class);
        return new GatewayAssembly(((ConfigResult.Valid) loaded).config(), ((SecretsResult.Loaded) secrets).secrets(),
                Clock.systemUTC());
    }
}
