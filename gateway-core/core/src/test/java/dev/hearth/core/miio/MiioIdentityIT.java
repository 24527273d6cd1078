package dev.hearth.core.miio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.config.ConfigLoader;
import dev.hearth.config.ConfigResult;
import dev.hearth.config.SecretsFile;
import dev.hearth.core.GatewayAssembly;
import dev.hearth.testkit.Conditions;
import dev.hearth.testkit.LoopbackAliases;
import dev.hearth.testkit.PrivateNetwork;
import dev.hearth.protocols.miio.MiioToken;
import dev.hearth.simulator.miio.DatagramLoop;
import dev.hearth.simulator.miio.MiioDeviceKind;
import dev.hearth.simulator.miio.MiioFaults;
import dev.hearth.simulator.miio.SimulatedMiioDevice;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, defect 2, through the whole gateway: a {@code devices:} entry that writes a miIO
 * device's bare did and the same device announced by mDNS ({@code miio-<did>}) are one device,
 * ONLINE under one id with nothing waiting in the inbox; a second entry for the same address is a
 * config problem the gateway reports while it runs with the first. Real UDP and mDNS in the test's
 * own network namespace.
 */
class MiioIdentityIT {
    private static final long DID = 4646;

    @TempDir Path dir;

    @Test
    void aBareDidEntryAndTheAnnouncedDeviceAreOneDeviceAndASecondEntryAtItsAddressIsAProblem() throws Exception {
        PrivateNetwork.require();
        InetAddress at = InetAddress.getByAddress("plug", new byte[] {127, 0, 0, 70});
        InetAddress other = InetAddress.getByAddress("fan", new byte[] {127, 0, 0, 71});
        LoopbackAliases.add(List.of(at, other));
        byte[] t = new byte[16];
        new SecureRandom().nextBytes(t);
        MiioToken token = MiioToken.of(t);
        DatagramLoop loop = DatagramLoop.start(false);
        try (SimulatedMiioDevice plug = SimulatedMiioDevice.start(MiioDeviceKind.MIOT_PLUG, DID, token,
                new InetSocketAddress(at, 54321), MiioFaults.none(), loop, Clock.systemUTC())) {
            plug.announce();
            Path file = Files.writeString(dir.resolve("hearth.yaml"), """
                    home: { id: home-it, owner: owner-1, trust: cloud }
                    gateway: { id: gw-ids, dataDir: ./data }
                    discovery: { enabled: true, interfaces: ["127.0.0.1"] }
                    http: { enabled: true, bind: 127.0.0.1, port: 0 }
                    online: { miioPollInterval: 500ms }
                    devices:
                      - { id: "%d", protocol: miio, model: cuco.plug.v3, address: "127.0.0.70", token: "%s" }
                      - { id: plug-again, protocol: miio, model: cuco.plug.v3, address: "127.0.0.70", token: "%s" }
                    """.formatted(DID, token.toHex(), token.toHex()));
            ConfigResult loaded = new ConfigLoader(Map.of()).load(file);
            assertThat(loaded).as(loaded.toString()).isInstanceOf(ConfigResult.Valid.class);

            try (GatewayAssembly gateway = new GatewayAssembly(((ConfigResult.Valid) loaded).config(), SecretsFile.empty(),
                    Clock.systemUTC())) {
                assertThat(gateway.configProblems()).singleElement().asString()
                        .contains("\"" + DID + "\"", "\"plug-again\"", "one address");
                gateway.start();
                LocalApiClient api = new LocalApiClient(gateway.httpAddress().orElseThrow(), gateway.apiToken().reveal());
                Conditions.await("miio-" + DID + " online", Duration.ofSeconds(30), () -> api.device("miio-" + DID)
                        .map(n -> n.path("status").path("status").asText()).orElse("").equals("online"),
                        () -> api.get("/api/v1/devices"));
                // the announcement (a few seconds after the start) found the same device, not a second one
                // a device nobody configured, announced after the plug: once discovery has put it in the
                // inbox, it has heard the plug's announcement too
                try (SimulatedMiioDevice sentinel = SimulatedMiioDevice.start(MiioDeviceKind.LEGACY_FAN, 4747, token,
                        new InetSocketAddress(other, 54321), MiioFaults.none(), loop, Clock.systemUTC())) {
                    sentinel.announce();
                    Conditions.await("the unconfigured fan in the inbox", Duration.ofSeconds(30),
                            () -> api.inboxEntry("miio-4747").isPresent(), () -> api.get("/api/v1/inbox"));
                }
                assertThat(ids(api.get("/api/v1/devices"))).containsExactly("miio-" + DID);
                assertThat(api.inboxEntry("miio-" + DID)).as("the announced plug is the configured one").isEmpty();
            }
        } finally {
            loop.stop();
        }
    }

    private static List<String> ids(com.fasterxml.jackson.databind.JsonNode list) {
        return StreamSupport.stream(list.spliterator(), false).map(n -> n.path("id").asText()).toList();
    }
}
