package dev.hearth.bench.cloud;

import dev.hearth.bench.devices.BenchWorkspace;
import dev.hearth.bench.devices.GatewayConfigFile;
import dev.hearth.bench.devices.GatewayLaunch;
import dev.hearth.bench.devices.GatewayProcess;
import dev.hearth.bench.devices.ProcessProbe;
import dev.hearth.bench.devices.SimulatorLogs;
import dev.hearth.core.cloud.CloudTopics;
import dev.hearth.core.cloud.command.CommandClient;
import dev.hearth.core.trust.UserSigner;
import dev.hearth.protocols.cloud.CommandSigner;
import dev.hearth.core.cloud.command.Ed25519KeyFiles;
import dev.hearth.protocols.cloud.v1.CommandReply;
import dev.hearth.protocols.cloud.v1.Property;
import dev.hearth.protocols.cloud.v1.SetPropertiesOp;
import dev.hearth.protocols.cloud.v1.SignedCommand;
import dev.hearth.protocols.cloud.v1.Value;
import dev.hearth.simulator.nativedev.DeviceKind;
import dev.hearth.simulator.nativedev.NativeFleet;
import dev.hearth.simulator.nativedev.SimulatorRuntime;
import java.net.InetAddress;
import java.net.URI;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./hearth bench cloud-gateway-rtt}: a signed set_properties command from a cloud-side
 * {@link CommandClient} (what {@code hearth ctl set} uses) -> Mosquitto -> the gateway in its own
 * JVM (verify, authorize through the audited access policy, session table) -> a simulated native
 * lamp -> result -> reply through the durable outbox -> Mosquitto -> the client; beside, in the same
 * run, the bare MQTT round trip (request -> echo client -> reply, same payload size). Every client
 * uses TCP_NODELAY. Signing happens before the clock starts.
 */
@Command(name = "cloud-gateway-rtt", mixinStandardHelpOptions = true,
        description = "Command round trip through the gateway to a simulated lamp, beside a bare MQTT request/echo.")
public final class GatewayCommandRoundTripBench implements Callable<Integer> {
    @Option(names = "--seconds", defaultValue = "10", description = "seconds per rate (default ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--rates", defaultValue = "10,100", split = ",", description = "commands/s (default ${DEFAULT-VALUE})")
    List<Integer> rates;

    @Option(names = "--lamps", defaultValue = "10",
            description = "lamps the commands go to in turn; one lamp at 100/s trips the driver's flood control (default ${DEFAULT-VALUE})")
    int lamps;

    @Option(names = "--warmup", defaultValue = "5000",
            description = "unmeasured commands first, one at a time, so the gateway's JIT has compiled the command path (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--user-keys", description = "home.trust: users: an owner key enrolled over the local API signs every command"
            + " (schema_version 3, a counter per command) instead of the cloud key")
    boolean userKeys;

    @Option(names = "--xmx", defaultValue = "256m", description = "the gateway JVM's -Xmx (default ${DEFAULT-VALUE})")
    String xmx;

    @Option(names = "--gateway-classpath", description = "class path of the gateway JVM (default: gateway-core/app/target of this checkout)")
    Optional<String> gatewayClasspath;

    public static void main(String[] args) {
        System.exit(new CommandLine(new GatewayCommandRoundTripBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        SimulatorLogs.quiet();
        GatewayLaunch launch = GatewayLaunch.locate(gatewayClasspath, List.of("-Xmx" + xmx));
        KeyPair key = Ed25519KeyFiles.generate();
        CloudTopics topics = CloudTopics.of("bench-home", "bench-gw");
        var signer = new CommandSigner("bench", key.getPrivate(), Clock.systemUTC(), new SecureRandom(), Duration.ofSeconds(120));
        InetAddress loopback = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        NativeFleet.Spec spec = NativeFleet.Spec.of(lamps, loopback).withKinds(List.of(DeviceKind.LAMP));
        System.out.printf("nproc=%d load average before: %s; %d s per rate%n", Runtime.getRuntime().availableProcessors(),
                ProcessProbe.loadAverage(), seconds);
        try (var broker = new BenchMosquitto(); BenchWorkspace ws = BenchWorkspace.create("hearth-bench-gw-rtt-");
             SimulatorRuntime runtime = SimulatorRuntime.system(Optional.empty())) {
            NativeFleet fleet = NativeFleet.start(spec, runtime);
            List<String> ids = fleet.ids();
            try {
                GatewayConfigFile.write(ws, fleet, "cloud:\n  broker: \"" + broker.uri() + "\"\n  trustedKeys:\n    - { id: bench, publicKey: \""
                        + Ed25519KeyFiles.publicKeyBase64(key) + "\" }\n", userKeys ? "users" : "cloud");
                try (GatewayProcess gw = GatewayProcess.start(launch, ws)) {
                    URI api = gw.awaitApi(Duration.ofSeconds(60));
                    Optional<UserSigner> owner = userKeys ? Optional.of(enrolOwner(api, ws)) : Optional.empty();
                    Signing sign = owner.<Signing>map(o -> (device, on) -> set(o, device, on)).orElse((device, on) -> set(signer, device, on));
                    System.out.printf("signed by %s%n", owner.map(o -> "the owner's own key " + o.fingerprint() + " (home.trust: users)")
                            .orElse("the cloud key (home.trust: cloud)"));
                    if (gw.awaitOnline(lamps, System.nanoTime(), Duration.ofSeconds(30)).isEmpty()) {
                        throw new IllegalStateException("the lamps did not come online; gateway log:\n" + gw.logTail());
                    }
                    int size = sign.set(ids.get(0), true).getSerializedSize();
                    System.out.printf("command: signed set_properties of 2.1 (on/off in turn), %d bytes, to %d lamps in turn%n", size, lamps);
                    try (var client = CommandClient.connect(URI.create(broker.uri()), Optional.empty(), topics, Duration.ofSeconds(10));
                         var echo = new EchoRoundTrip(broker.uri(), size)) {
                        for (int warm = 0; warm < warmup; warm++) {
                            CommandReply r = client.send(sign.set(ids.get(warm % lamps), (warm / lamps) % 2 == 0)).get(10, TimeUnit.SECONDS);
                            if (r.getStatus() != CommandReply.Status.OK) throw new IllegalStateException("warm-up command failed: " + r);
                        }
                        echo.measure(20, 300);
                        for (int rate : rates) {
                            int count = rate * seconds;
                            long[] bare = echo.measure(rate, count);
                            SignedCommand[] commands = new SignedCommand[count];
                            for (int i = 0; i < count; i++) commands[i] = sign.set(ids.get(i % lamps), (i / lamps) % 2 == 0);
                            long[] viaGateway = CommandRoundTripBench.bridgeRun(client, commands, rate);
                            CommandRoundTripBench.report("bare MQTT request/echo", rate, bare);
                            CommandRoundTripBench.report("command via gateway to lamp", rate, viaGateway);
                            System.out.printf("  added at p50: %.2f ms (target <= 2 ms), at p99: %.2f ms; load average %s%n",
                                    (BenchClients.percentile(viaGateway, 50) - BenchClients.percentile(bare, 50)) / 1e6,
                                    (BenchClients.percentile(viaGateway, 99) - BenchClients.percentile(bare, 99)) / 1e6,
                                    ProcessProbe.loadAverage());
                        }
                    }
                }
            } finally {
                fleet.close();
            }
        }
        return 0;
    }

    /** Makes the signed command for one lamp, before the clock starts. */
    @FunctionalInterface
    private interface Signing {
        SignedCommand set(String device, boolean on);
    }

    private final SecureRandom random = new SecureRandom();
    /** The owner key's counter: one per command, increasing (pre-signed commands go out in order). */
    private long counter;

    /** Makes an owner key and enrols it with the API token, as {@code hearth ctl user enroll --token-file} does. */
    private static UserSigner enrolOwner(URI api, BenchWorkspace ws) throws Exception {
        UserSigner owner = UserSigner.generate(new SecureRandom(), "bench-home", "bench-gw");
        String token = java.nio.file.Files.readString(ws.dataDir().resolve("api-token"), java.nio.charset.StandardCharsets.US_ASCII).strip();
        var req = java.net.http.HttpRequest.newBuilder(api.resolve("/api/v1/owners")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"publicKey\":\""
                        + java.util.Base64.getEncoder().encodeToString(owner.key().raw().toByteArray()) + "\",\"name\":\"bench\"}")).build();
        var r = java.net.http.HttpClient.newHttpClient().send(req, java.net.http.HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) throw new IllegalStateException("enrolling the owner key failed: " + r.statusCode() + " " + r.body());
        return owner;
    }

    private SignedCommand set(UserSigner owner, String device, boolean on) {
        // valid 60 s (the most a user-signed command may be): a run of --seconds up to ~50 s per rate fits
        return owner.sign(owner.commandBody(device, ++counter, java.time.Instant.now(), Duration.ofSeconds(60), random)
                .setSetProperties(SetPropertiesOp.newBuilder()
                        .addValues(Property.newBuilder().setKey("2.1").setValue(Value.newBuilder().setBoolValue(on)))).build());
    }

    private static SignedCommand set(CommandSigner signer, String device, boolean on) {
        return signer.sign(signer.newBody("u1", "bench-home", "bench-gw", device).setSetProperties(SetPropertiesOp.newBuilder()
                .addValues(Property.newBuilder().setKey("2.1").setValue(Value.newBuilder().setBoolValue(on)))).build());
    }
}
