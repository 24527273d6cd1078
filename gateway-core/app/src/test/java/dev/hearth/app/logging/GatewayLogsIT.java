package dev.hearth.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import com.google.protobuf.ByteString;
import dev.hearth.config.ConfigLoader;
import dev.hearth.config.ConfigResult;
import dev.hearth.config.HearthConfig;
import dev.hearth.config.SecretsFile;
import dev.hearth.config.SecretsResult;
import dev.hearth.core.GatewayAssembly;
import dev.hearth.core.cloud.BridgeFixture;
import dev.hearth.core.cloud.CloudSubscriber;
import dev.hearth.testkit.MosquittoBroker;
import dev.hearth.core.cloud.command.Ed25519KeyFiles;
import dev.hearth.core.cloud.command.TestCommands;
import dev.hearth.app.logging.ProductionLogging;
import dev.hearth.core.online.OnlineStatus;
import dev.hearth.testkit.Conditions;
import dev.hearth.driver.api.DeviceSecret;
import dev.hearth.driver.api.model.ModelCatalog;
import dev.hearth.protocols.cloud.v1.CommandBody;
import dev.hearth.protocols.cloud.v1.CommandReply;
import dev.hearth.protocols.cloud.v1.WithdrawConsentOp;
import dev.hearth.simulator.nativedev.SimulatedDevice;
import dev.hearth.simulator.nativedev.SimulatedDeviceConfig;
import dev.hearth.simulator.nativedev.SimulatorRuntime;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Logs safe to send (DESIGN.md section 1): a whole gateway (config file, secrets file, native
 * simulated devices as static entries, one with a wrong key, the cloud bridge on a real Mosquitto,
 * the local API) runs with its logs written in the production pattern to a file; after traffic,
 * a wrong-key handshake and a withdrawal, the file holds no device key, no home key, no API token
 * and none of the personal values planted in the traffic.
 */
class GatewayLogsIT {
    private static final String LOCK_KEY = "5a1f0c93e7b24d68a0c1e2f3b4d5a6978877665544332211ffeeddccbbaa0099";
    private static final String LAMP_KEY = "c0ffee1234deadbeef5678facade90ab0123456789abcdef0f1e2d3c4b5a6978";
    private static final String WRONG_KEY = "0badc0de0badc0de11223344556677889900aabbccddeeff0102030405060708";
    private static final String PLANTED_EMAIL = "zhangwei.home@qq.com";
    private static final String PLANTED_PHONE = "13987654321";

    @TempDir
    Path dir;

    @Test
    void aRunningGatewayLogsNoSecretAndNoPlantedPersonalValue() throws Exception {
        Path logFile = dir.resolve("gateway.log");
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        FileAppender<ILoggingEvent> appender = ProductionLogging.addFileAppender(logging, logFile);
        InetAddress lo = InetAddress.getByAddress("sim", new byte[] {127, 0, 0, 1});
        ModelCatalog models = ModelCatalog.fromClasspath(getClass().getClassLoader());
        List<String> personal = new ArrayList<>(List.of(PLANTED_EMAIL, PLANTED_PHONE));
        String homeKey;
        String apiToken;
        try (MosquittoBroker broker = MosquittoBroker.start();
             SimulatorRuntime runtime = SimulatorRuntime.system(Optional.empty());
             CloudSubscriber cloud = new CloudSubscriber(broker.uri(), "hearth/v1/home-1/gw-1/devices/lock-1/telemetry")) {
            SimulatedDevice lock = device(runtime, "lock-1", "hearth.lock.v1", LOCK_KEY, models, lo);
            SimulatedDevice lamp = device(runtime, "lamp-1", "hearth.light.lamp1", LAMP_KEY, models, lo);
            SimulatedDevice stranger = device(runtime, "lamp-2", "hearth.light.lamp1", LAMP_KEY, models, lo);
            personal.add(lock.property("1.1").orElseThrow().toString());
            personal.add(lamp.property("1.1").orElseThrow().toString());
            HearthConfig config = config(broker, lock.port(), lamp.port(), stranger.port());
            GatewayAssembly gateway = new GatewayAssembly(config, secrets(config), Clock.systemUTC());
            try {
                gateway.start();
                Conditions.await("both devices online", Duration.ofSeconds(20), () ->
                        online(gateway, "lock-1") && online(gateway, "lamp-1"));
                // The gateway counts a device online when it sends WELCOME; the lock sends events only
                // once it has read it, and drops them before (as a real lock without a session does).
                Conditions.await("the lock's session welcomed", Duration.ofSeconds(20), () -> lock.connectedGateways() == 1);
                lock.unlockBy(PLANTED_EMAIL, "fingerprint");
                lock.unlockBy(PLANTED_PHONE, "pin");
                Conditions.await("the unlocks reached the cloud", Duration.ofSeconds(20), () -> cloud.received().size() >= 2);
                CommandBody body = CommandBody.newBuilder().setSchemaVersion(1).setRequestId("w1").setUser(PLANTED_EMAIL)
                        .setHome("home-1").setNonce(ByteString.copyFromUtf8("nonce-w1"))
                        .setWithdrawConsent(WithdrawConsentOp.getDefaultInstance()).build();
                CommandReply r = gateway.privacyCommands().handle(TestCommands.verifiedWithoutGate(body)).toCompletableFuture()
                        .get(5, TimeUnit.SECONDS);
                assertThat(r.getStatus()).isEqualTo(CommandReply.Status.OK);
                lock.unlockBy(PLANTED_EMAIL, "fingerprint");
                Conditions.await("the wrong-key device refused", Duration.ofSeconds(20), () -> stranger.rejections() > 0);
            } finally {
                gateway.close();
                homeKey = Files.readString(config.gateway().dataDir().resolve("home.key")).strip();
                apiToken = Files.readString(config.gateway().dataDir().resolve("api-token")).strip();
                lock.close();
                lamp.close();
                stranger.close();
            }
        } finally {
            logging.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
            appender.stop();
        }

        String log = Files.readString(logFile, StandardCharsets.UTF_8);
        assertThat(log).as("the gateway did log").contains("gateway gw-1 of home home-1 started");
        for (String secret : List.of(LOCK_KEY, LAMP_KEY, WRONG_KEY, homeKey, apiToken)) {
            assertThat(log).as("a secret in the log").doesNotContainIgnoringCase(secret)
                    .doesNotContainIgnoringCase(secret.substring(0, 16));
        }
        for (String value : personal) {
            assertThat(log).as("a planted personal value in the log").doesNotContain(value);
        }
    }

    private static boolean online(GatewayAssembly g, String id) {
        return g.registry().find(id).map(d -> d.availability().status() == OnlineStatus.ONLINE).orElse(false);
    }

    private static SimulatedDevice device(SimulatorRuntime runtime, String id, String model, String key, ModelCatalog models,
                                          InetAddress lo) {
        SimulatedDevice d = new SimulatedDevice(SimulatedDeviceConfig.of(id, models.find(model).orElseThrow(),
                new DeviceSecret(HexFormat.of().parseHex(key)), lo).withTimings(Duration.ofSeconds(1), Duration.ofMillis(300)), runtime);
        d.start();
        return d;
    }

    private HearthConfig config(MosquittoBroker broker, int lockPort, int lampPort, int strangerPort) throws Exception {
        Path secrets = dir.resolve("secrets.yaml");
        Files.writeString(secrets, "devices:\n  lock-1: \"" + LOCK_KEY + "\"\n  lamp-1: \"" + LAMP_KEY
                + "\"\n  lamp-2: \"" + WRONG_KEY + "\"\n");
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
        String yaml = """
                home: { id: home-1, owner: owner-1, trust: cloud }
                gateway: { id: gw-1, dataDir: ./data, secretsFile: ./secrets.yaml }
                discovery: { enabled: false }
                devices:
                  - { id: lock-1, protocol: native, model: hearth.lock.v1, address: "127.0.0.1:%d", secret: { ref: lock-1 } }
                  - { id: lamp-1, protocol: native, model: hearth.light.lamp1, address: "127.0.0.1:%d", secret: { ref: lamp-1 } }
                  - { id: lamp-2, protocol: native, model: hearth.light.lamp1, address: "127.0.0.1:%d", secret: { ref: lamp-2 } }
                cloud:
                  broker: "%s"
                  reconnect: { min: 100ms, max: 1s }
                  trustedKeys:
                    - { id: k1, publicKey: "%s" }
                http: { enabled: true, bind: 127.0.0.1, port: 0 }
                privacy: { uxProgramme: true }
                """.formatted(lockPort, lampPort, strangerPort, broker.uri(), Ed25519KeyFiles.publicKeyBase64(BridgeFixture.KEY));
        Path file = dir.resolve("hearth.yaml");
        Files.writeString(file, yaml);
        ConfigResult result = new ConfigLoader(Map.of()).load(file);
        assertThat(result).as(result.toString()).isInstanceOf(ConfigResult.Valid.class);
        return ((ConfigResult.Valid) result).config();
    }

    private static SecretsFile secrets(HearthConfig config) {
        SecretsResult r = SecretsFile.load(config.gateway().secretsFile());
        assertThat(r).as(r.toString()).isInstanceOf(SecretsResult.Loaded.class);
        return ((SecretsResult.Loaded) r).secrets();
    }
}
