package dev.hearth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.config.ConfigLoader;
import dev.hearth.config.ConfigResult;
import dev.hearth.config.SecretsFile;
import dev.hearth.core.GatewayAssembly;
import dev.hearth.core.access.Operation;
import dev.hearth.core.access.Scope;
import dev.hearth.core.access.ShareResult;
import dev.hearth.driver.api.model.Privilege;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code hearth privacy export/erase} on a data directory a real (stopped) gateway wrote. */
class PrivacyCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) { }

    private static Run run(String... args) {
        CommandLine cli = HearthCli.commandLine(new HearthCli(Map.of()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Path configFile() throws Exception {
        Path file = dir.resolve("hearth.yaml");
        Files.writeString(file, """
                home: { id: home-1, owner: owner-1, trust: cloud }
                gateway: { id: gw-1, dataDir: ./data }
                discovery: { enabled: false }
                http: { enabled: false }
                """);
        return file;
    }

    private GatewayAssembly gateway(Path file) throws Exception {
        var config = ((ConfigResult.Valid) new ConfigLoader(Map.of()).load(file)).config();
        return new GatewayAssembly(config, SecretsFile.empty(), Clock.systemUTC());
    }

    @Test
    void exportsThenErasesAUserAndRefusesWhileAGatewayHoldsTheData() throws Exception {
        Path file = configFile();
        try (GatewayAssembly gateway = gateway(file)) {
            Instant now = Instant.now();
            var offered = (ShareResult.Done) gateway.shares().offer("owner-1", "alice-7", Scope.HOME, Privilege.OPERATE, Optional.empty(), now);
            gateway.shares().accept("alice-7", offered.share().id(), now);
            gateway.auditedAccess().decide("alice-7", Scope.HOME, Operation.SHARE);
            gateway.auditedAccess().decide("bob-3", Scope.HOME, Operation.SHARE);

            Run refused = run("privacy", "export", "--user", "alice-7", "--config", file.toString());
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err()).contains("a running gateway holds").contains("data");
        }

        Run export = run("privacy", "export", "--user", "alice-7", "--config", file.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        JsonNode held = JSON.readTree(export.out());
        assertThat(held.at("/shares/asGrantee")).hasSize(1);
        assertThat(held.at("/shares/asGrantee/0/privilege").asText()).isEqualTo("OPERATE");
        assertThat(held.at("/audit/count").asInt()).isEqualTo(1);
        assertThat(held.at("/audit/heldAs").asText()).startsWith("p_");
        assertThat(held.at("/consent/withdrawn").asBoolean()).isFalse();

        Run erase = run("privacy", "erase", "--user", "alice-7", "--withdraw", "--config", file.toString());
        assertThat(erase.exit()).as(erase.err()).isZero();
        JsonNode done = JSON.readTree(erase.out());
        assertThat(done.get("sharesReceivedDeleted").asInt()).isEqualTo(1);
        assertThat(done.get("auditEntriesAnonymised").asInt()).isEqualTo(1);
        assertThat(done.get("consentWithdrawn").asBoolean()).isTrue();
        assertThat(erase.err()).contains("user alice-7: 0 queued cloud messages deleted, 1 audit entries anonymised");

        Path out = dir.resolve("alice.json");
        Run after = run("privacy", "export", "--user", "alice-7", "--config", file.toString(), "--out", out.toString());
        assertThat(after.exit()).as(after.err()).isZero();
        JsonNode left = JSON.readTree(Files.readString(out));
        assertThat(left.at("/shares/asGrantee")).isEmpty();
        assertThat(left.at("/audit/count").asInt()).isZero();
        assertThat(left.at("/consent/withdrawn").asBoolean()).isTrue();
        assertThat(left.at("/consent/history").findValuesAsText("kind"))
                .as("every request is recorded, with the erasure's outcome").containsExactly("EXPORTED", "WITHDRAWN", "ERASED", "EXPORTED");
        assertThat(left.at("/consent/history/2/result").asText()).contains("1 audit entries anonymised");

        Run typo = run("privacy", "export", "--user", "alcie", "--config", file.toString());
        assertThat(typo.exit()).as("a typo is not an empty export").isEqualTo(1);
        assertThat(typo.err()).contains("no data held for user alcie");
        assertThat(typo.out()).isEmpty();
        assertThat(run("privacy", "erase", "--user", "alcie", "--config", file.toString()).exit()).isEqualTo(1);

        // the gateway starts again on what the tool left, and Bob's audit entry is untouched
        try (GatewayAssembly gateway = gateway(file)) {
            assertThat(gateway.consent().withdrawn("alice-7")).isTrue();
            assertThat(gateway.audit().read()).hasSize(2)
                    .anyMatch(e -> e.user().equals(gateway.pseudonymiser().pseudonym("bob-3")));
        }
    }

    @Test
    void saysSoWhenThereIsNoGatewayData() throws Exception {
        Run r = run("privacy", "erase", "--user", "alice-7", "--config", configFile().toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("no gateway data in").doesNotContain("Exception");
    }
}
