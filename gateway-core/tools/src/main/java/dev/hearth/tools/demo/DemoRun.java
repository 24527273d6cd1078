package dev.hearth.tools.demo;

import dev.hearth.config.HearthConfig;
import dev.hearth.config.OwnerOnly;
import dev.hearth.config.SecretsFile;
import dev.hearth.config.SecretsResult;
import dev.hearth.core.GatewayAssembly;
import dev.hearth.core.cloud.CloudTopics;
import dev.hearth.testkit.EmbeddedBroker;
import dev.hearth.protocols.cloud.CommandSigner;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The demo proper: broker, devices, gateway and the story, then the web page and the broker stay
 * up until Ctrl-C or the end of {@code --duration}. Runs inside the private network namespace
 * (with mDNS; the relay directory connects it to the host) or, where no namespace can be made,
 * on the host's loopback without mDNS.
 */
public final class DemoRun {
    private static final int STEPS = 6;
    private static final Duration CONNECT = Duration.ofSeconds(10);

    private final DemoOptions options;
    private final boolean mdns;
    private final Optional<Path> relayDir;
    private final Path workDir;
    private final PrintWriter out;
    private final Clock clock = Clock.systemUTC();

    /**
     * @param mdns     announce and discover by mDNS (only inside a private network namespace)
     * @param relayDir where the host's relays expect this run's Unix sockets (namespace mode)
     * @param workDir  a private directory for the gateway's data and the generated secrets file
     */
    public DemoRun(DemoOptions options, boolean mdns, Optional<Path> relayDir, Path workDir, PrintWriter out) {
        this.options = Objects.requireNonNull(options, "options");
        this.mdns = mdns;
        this.relayDir = Objects.requireNonNull(relayDir, "relayDir");
        this.workDir = Objects.requireNonNull(workDir, "workDir");
        this.out = Objects.requireNonNull(out, "out");
    }

    /** 0 when every step of the story went as expected; 1 otherwise (the story says which). */
    public int run() throws Exception {
        Narrator story = new Narrator(out, clock, STEPS);
        Instant end = clock.instant().plus(options.duration().orElse(Duration.ZERO));
        Deque<AutoCloseable> open = new ArrayDeque<>();
        CountDownLatch stopRequested = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stopRequested.countDown();
            try {
                closed.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            startRelays(open);
            CloudTopics topics = CloudTopics.of(DemoConfig.HOME, DemoConfig.GATEWAY);
            story.step("stand-in cloud: embedded MQTT 5 broker on 127.0.0.1:" + options.brokerPort());
            EmbeddedBroker broker = EmbeddedBroker.start(options.brokerPort());
            open.push(broker);
            CloudObserver cloud = CloudObserver.connect(broker.uri(), topics, CONNECT);
            open.push(cloud);
            story.detail("a cloud-side subscriber listens on " + topics.all());

            story.step("simulated devices of both protocols" + (mdns ? ", announced by mDNS" : " (no mDNS)"));
            DemoDevices devices = DemoDevices.start(mdns);
            open.push(devices);
            for (DemoDevices.Role r : devices.roles()) {
                story.detail(String.format("%-22s %-6s %-18s %s", r.id(), r.protocol(), r.model(), r.name()));
            }
            Path dataDir = OwnerOnly.createDirectories(workDir.resolve("data"));
            Path secretsFile = dataDir.resolve(DemoConfig.SECRETS_FILE);
            devices.writeSecretsFile(secretsFile);
            story.detail("their keys and tokens are in a generated, owner-only secrets file the gateway reads");

            KeyPair commandKey = newCommandKey();
            HearthConfig config = DemoConfig.of(options, dataDir, mdns, mdns ? List.of() : devices.staticEntries(), commandKey.getPublic());
            story.step("gateway " + DemoConfig.GATEWAY + (mdns ? ": discovers the devices by mDNS on 127.0.0.1 and adopts them"
                    : ": connects to the devices listed in its configuration"));
            GatewayAssembly gateway = new GatewayAssembly(config, secrets(secretsFile), clock);
            open.push(gateway::close);
            DemoStory gatewayStory = new DemoStory(story, gateway, devices, cloud, clock);
            open.push(gatewayStory::quiet);
            gateway.start();
            boolean ok = gatewayStory.discoverAndAdopt(mdns);

            story.step("rooms, names and a share");
            gatewayStory.roomsAndShare();
            story.step("what reaches the cloud: the privacy filter decides");
            ok &= gatewayStory.whatReachedTheCloud();
            story.step("signed commands from the cloud (key \"" + DemoConfig.KEY_ID + "\", trusted by the gateway)");
            CommandSigner signer = new CommandSigner(DemoConfig.KEY_ID, commandKey.getPrivate(), clock, new SecureRandom(), Duration.ofSeconds(60));
            ok &= new DemoCommands(story, devices, signer).run(broker.uri(), topics);

            ready(story, gateway);
            awaitEnd(stopRequested, end);
            story.note((ok ? "the story went as expected" : "some steps did not go as expected (see above)")
                    + (mdns ? "; stopping (a few seconds: the devices withdraw their mDNS announcements)" : "; stopping"));
            return ok ? 0 : 1;
        } finally {
            closeAll(open);
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook waits for the close above
            }
        }
    }

    private void startRelays(Deque<AutoCloseable> open) throws IOException {
        if (relayDir.isEmpty()) return;
        InetAddress lo = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        open.push(SocketRelay.start(UnixDomainSocketAddress.of(relayDir.get().resolve(NamespacedDemo.HTTP_SOCKET)),
                new InetSocketAddress(lo, options.httpPort())));
        open.push(SocketRelay.start(UnixDomainSocketAddress.of(relayDir.get().resolve(NamespacedDemo.BROKER_SOCKET)),
                new InetSocketAddress(lo, options.brokerPort())));
    }

    private static SecretsFile secrets(Path file) {
        SecretsResult r = SecretsFile.load(file);
        if (r instanceof SecretsResult.Loaded loaded) return loaded.secrets();
        throw new IllegalStateException("the generated secrets file was refused: " + ((SecretsResult.Refused) r).problems());
    }

    private void ready(Narrator story, GatewayAssembly gateway) {
        String base = "http://127.0.0.1:" + options.httpPort();
        String token = gateway.apiToken().reveal();
        story.note("ready: everything below answers on this machine's 127.0.0.1");
        story.note("    web page   " + base + "/#token=" + token);
        story.note("    API        curl -H 'Authorization: Bearer " + token + "' " + base + "/api/v1/devices");
        story.note("    metrics    curl " + base + "/metrics");
        story.note("    the cloud  mosquitto_sub -V mqttv5 -h 127.0.0.1 -p " + options.brokerPort() + " -t 'hearth/#' -v");
        story.note("    decoded    ./hearth ctl watch --broker tcp://127.0.0.1:" + options.brokerPort() + " --home " + DemoConfig.HOME
                + " --gateway " + DemoConfig.GATEWAY);
        story.note(options.duration().map(d -> "running for " + d.toSeconds() + " s in all (--duration); Ctrl-C stops it earlier")
                .orElse("Ctrl-C to stop"));
    }

    private void awaitEnd(CountDownLatch stopRequested, Instant end) throws InterruptedException {
        if (options.duration().isEmpty()) {
            stopRequested.await();
            return;
        }
        long left = Duration.between(clock.instant(), end).toMillis();
        if (left > 0) stopRequested.await(left, TimeUnit.MILLISECONDS);
    }

    /** Closes in reverse order of start; one failing close does not keep the others open. */
    private void closeAll(Deque<AutoCloseable> open) {
        while (!open.isEmpty()) {
            try {
                open.pop().close();
            } catch (Exception e) {
                out.println("hearth demo: while stopping: " + e.getMessage());
            }
        }
        out.flush();
    }

    /** A fresh Ed25519 pair: the demo's stand-in for the cloud's command key. */
    static KeyPair newCommandKey() throws GeneralSecurityException {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }
}
