package dev.hearth.core.commands;

import dev.hearth.config.OwnerOnly;
import dev.hearth.config.ConfigLoader;
import dev.hearth.config.ConfigResult;
import dev.hearth.config.HearthConfig;
import dev.hearth.config.SecretsFile;
import dev.hearth.config.SecretsResult;
import dev.hearth.core.GatewayAssembly;
import dev.hearth.core.cloud.CloudTopics;
import dev.hearth.testkit.MosquittoBroker;
import dev.hearth.core.cloud.command.CommandClient;
import dev.hearth.protocols.cloud.CommandSigner;
import dev.hearth.core.cloud.command.Ed25519KeyFiles;
import dev.hearth.testkit.Conditions;
import dev.hearth.protocols.cloud.v1.CommandBody;
import dev.hearth.protocols.cloud.v1.CommandReply;
import dev.hearth.simulator.nativedev.DeviceKind;
import dev.hearth.simulator.nativedev.NativeFleet;
import dev.hearth.simulator.nativedev.SimulatedDevice;
import dev.hearth.simulator.nativedev.SimulatorRuntime;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A whole gateway for end-to-end tests: a real Mosquitto, a simulated native lamp and lock, and a
 * {@link GatewayAssembly} built from a YAML file written here (static device entries, discovery and
 * HTTP off, the test's own command key trusted), plus a signed-command client as {@code hearth ctl}
 * has. {@link #restart()} closes the gateway and opens a new one on the same data directory.
 */
public final class GatewayRig implements AutoCloseable {
    public static final String HOME = "h1";
    public static final String GATEWAY = "gw1";
    public static final String OWNER = "u1";
    public static final String KEY_ID = "it";

    public final Path dir;
    public final MosquittoBroker broker;
    final SimulatorRuntime runtime;
    final NativeFleet fleet;
    public final String lamp;
    public final String lock;
    final KeyPair key = Ed25519KeyFiles.generate();
    public final Path keyFile;
    public final CloudTopics topics = CloudTopics.of(HOME, GATEWAY);
    final CommandSigner signer;
    final CommandClient client;
    private final HearthConfig config;
    private final SecretsFile secrets;
    private GatewayAssembly gateway;
    private final boolean userTrust;

    public GatewayRig(Path dir) throws Exception {
        this(dir, false);
    }

    /**
     * With {@code userTrust}: {@code home.trust: users} and the local HTTP API on a loopback port
     * (owner keys are enrolled there); the rig's cloud key then only relays.
     */
    public GatewayRig(Path dir, boolean userTrust) throws Exception {
        this(dir, userTrust, "");
    }

    /** As above, with {@code extraYaml} (top-level sections the default file does not have, e.g. {@code privacy:}) appended. */
    public GatewayRig(Path dir, boolean userTrust, String extraYaml) throws Exception {
        this.dir = dir;
        this.userTrust = userTrust;
        broker = MosquittoBroker.start();
        runtime = SimulatorRuntime.system(Optional.empty());
        InetAddress lo = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        fleet = NativeFleet.start(NativeFleet.Spec.of(2, lo).withKinds(List.of(DeviceKind.LAMP, DeviceKind.LOCK)), runtime);
        lamp = fleet.ids().get(0);
        lock = fleet.ids().get(1);
        Path secretsFile = dir.resolve("secrets.yaml");
        fleet.writeKeysFile(secretsFile);
        keyFile = dir.resolve("command.key");
        Ed25519KeyFiles.writePrivateKey(key, keyFile);
        Path yaml = dir.resolve("hearth.yaml");
        Files.writeString(yaml, yaml(secretsFile) + extraYaml);
        ConfigResult loaded = new ConfigLoader(Map.of()).load(yaml);
        if (loaded instanceof ConfigResult.Invalid invalid) throw new AssertionError("bad test config: " + invalid.problems());
        config = ((ConfigResult.Valid) loaded).config();
        SecretsResult s = SecretsFile.load(secretsFile);
        if (s instanceof SecretsResult.Refused refused) throw new AssertionError("bad secrets: " + refused.problems());
        secrets = ((SecretsResult.Loaded) s).secrets();
        signer = new CommandSigner(KEY_ID, key.getPrivate(), Clock.systemUTC(), new SecureRandom(), Duration.ofMinutes(1));
        startGateway();
        client = CommandClient.connect(broker.uri(), Optional.empty(), topics, Duration.ofSeconds(10));
    }

    private String yaml(Path secretsFile) {
        return """
                home: { id: %s, owner: %s%s }
                gateway: { id: %s, dataDir: "%s", secretsFile: "%s" }
                discovery: { enabled: false }
                http: %s
                devices:
                  - { id: %s, protocol: native, model: hearth.light.lamp1, address: "127.0.0.1:%d", secret: { ref: %s } }
                  - { id: %s, protocol: native, model: hearth.lock.v1, address: "127.0.0.1:%d", secret: { ref: %s } }
                cloud:
                  enabled: true
                  broker: "%s"
                  reconnect: { min: 100ms, max: 1s }
                  trustedKeys:
                    - { id: %s, publicKey: "%s" }
                online:
                  commandTimeout: 3s
                """.formatted(HOME, OWNER, userTrust ? ", trust: users" : ", trust: cloud", GATEWAY, dir.resolve("data"), secretsFile,
                userTrust ? "{ enabled: true, bind: 127.0.0.1, port: 0 }" : "{ enabled: false }",
                lamp, fleet.device(lamp).port(), lamp, lock, fleet.device(lock).port(), lock,
                broker.uri(), KEY_ID, Ed25519KeyFiles.publicKeyBase64(key));
    }

    private void startGateway() throws Exception {
        gateway = new GatewayAssembly(config, secrets, Clock.systemUTC());
        gateway.start();
        for (String id : List.of(lamp, lock)) {
            Conditions.await(id + " online", Duration.ofSeconds(20),
                    () -> gateway.registry().find(id).map(d -> d.availability().online()).orElse(false),
                    () -> gateway.registry().find(id));
        }
        Conditions.await("the bridge connected", Duration.ofSeconds(20), () -> gateway.brokerLink().equals("connected"));
    }

    public void restart() throws Exception {
        gateway.close();
        startGateway();
    }

    public GatewayAssembly gateway() {
        return gateway;
    }

    /**
     * Starts a second gateway of the same home on the same broker, trusting the same command key,
     * with no devices and its own data directory under {@link #dir}; the caller closes it.
     */
    public GatewayAssembly startNeighbour(String gatewayId) throws Exception {
        Path data = dir.resolve(gatewayId);
        OwnerOnly.createDirectories(data);
        Path secretsFile = data.resolve("secrets.yaml"); // none: a gateway without devices has no secrets
        Path yaml = data.resolve("hearth.yaml");
        Files.writeString(yaml, """
                home: { id: %s, owner: %s, trust: cloud }
                gateway: { id: %s, dataDir: "%s", secretsFile: "%s" }
                discovery: { enabled: false }
                http: { enabled: false }
                cloud:
                  enabled: true
                  broker: "%s"
                  reconnect: { min: 100ms, max: 1s }
                  trustedKeys:
                    - { id: %s, publicKey: "%s" }
                """.formatted(HOME, OWNER, gatewayId, data.resolve("data"), secretsFile, broker.uri(), KEY_ID,
                Ed25519KeyFiles.publicKeyBase64(key)));
        ConfigResult loaded = new ConfigLoader(Map.of()).load(yaml);
        if (loaded instanceof ConfigResult.Invalid invalid) throw new AssertionError("bad neighbour config: " + invalid.problems());
        SecretsResult s = SecretsFile.load(secretsFile);
        if (s instanceof SecretsResult.Refused refused) throw new AssertionError("bad neighbour secrets: " + refused.problems());
        var neighbour = new GatewayAssembly(((ConfigResult.Valid) loaded).config(), ((SecretsResult.Loaded) s).secrets(), Clock.systemUTC());
        neighbour.start();
        Conditions.await(gatewayId + " connected", Duration.ofSeconds(20), () -> neighbour.brokerLink().equals("connected"));
        return neighbour;
    }

    /** The signer of the rig's trusted key, for tests that build their own bodies. */
    public CommandSigner signer() {
        return signer;
    }

    public SimulatedDevice device(String id) {
        return fleet.device(id);
    }

    /** Signs and sends one command for {@code user} and waits for the reply. */
    public CommandReply send(String user, String device, UnaryOperator<CommandBody.Builder> op) throws Exception {
        CommandBody body = op.apply(signer.newBody(user, HOME, GATEWAY, device)).build();
        return client.send(signer.sign(body)).get(15, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        client.close();
        if (gateway != null) gateway.close();
        fleet.close();
        runtime.close();
        broker.close();
    }
}
