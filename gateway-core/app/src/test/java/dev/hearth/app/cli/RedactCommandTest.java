package dev.hearth.app.cli;

import dev.hearth.config.OwnerOnly;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.core.privacy.HomeKey;
import dev.hearth.core.privacy.Pseudonymiser;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RedactCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
        String[] outLines() {
            return out.isBlank() ? new String[0] : out.strip().split("\\R");
        }
    }

    private static Run redact(String stdin, String... args) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == RedactCommand.class) {
                    return cls.cast(new RedactCommand(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8))));
                }
                return CommandLine.defaultFactory().create(cls);
            }
        };
        CommandLine cli = new CommandLine(new HearthCli(Map.of()), factory);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "redact";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = cli.execute(all);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void writesWhatWouldLeaveForStateAndEventLinesAndReportsBadLinesByNumber() throws Exception {
        String in = String.join("\n",
                "{\"device\":\"lamp-1\",\"model\":\"hearth.light.lamp1\",\"ts\":\"2025-03-01T08:00:00Z\","
                        + "\"props\":{\"2.1\":true,\"1.1\":\"HomeNet-42\",\"1.4\":-50,\"note\":\"call 13812345678\"}}",
                "this is not json",
                "{\"device\":\"lock-1\",\"model\":\"hearth.lock.v1\",\"ts\":1740816000000,\"event\":\"2.1\","
                        + "\"args\":{\"user\":\"alice-7\",\"method\":\"fingerprint\"}}",
                "{\"device\":\"lock-1\",\"ts\":1740816000000,\"event\":\"2.1\",\"props\":{}}",
                "");

        Run r = redact(in);

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.outLines()).hasSize(2);
        JsonNode state = JSON.readTree(r.outLines()[0]);
        assertThat(state.get("props").fieldNames()).toIterable().containsExactly("2.1");
        JsonNode event = JSON.readTree(r.outLines()[1]);
        assertThat(event.get("event").asText()).isEqualTo("2.1");
        assertThat(event.get("name").asText()).isEqualTo("unlocked");
        assertThat(event.get("args").fieldNames()).toIterable().containsExactly("method");
        assertThat(r.out()).doesNotContain("alice-7").doesNotContain("13812345678").doesNotContain("HomeNet");
        assertThat(r.err()).contains("line 2: not JSON").contains("line 4: a line has either 'props'")
                .contains("4 records read, 2 written, 0 withheld entirely, 2 bad lines")
                .contains("temporary key");
    }

    @Test
    void usesTheConfiguredPolicyAndTheGatewaysHomeKey() throws Exception {
        Path data = OwnerOnly.createDirectories(dir.resolve("data"));
        byte[] key = new byte[HomeKey.LENGTH];
        for (int i = 0; i < key.length; i++) key[i] = (byte) (i * 7 + 3);
        Files.writeString(data.resolve("home.key"), HexFormat.of().formatHex(key) + "\n");
        Path config = dir.resolve("hearth.yaml");
        Files.writeString(config, """
                home: { id: home-1, owner: owner-1 }
                gateway: { id: gw-1, dataDir: ./data }
                discovery: { enabled: false }
                http: { enabled: false }
                privacy:
                  classes: { personal: pseudonymise }
                """);
        String line = "{\"device\":\"lock-1\",\"model\":\"hearth.lock.v1\",\"ts\":1740816000000,\"event\":\"2.1\","
                + "\"args\":{\"user\":\"alice-7\",\"method\":2}}";

        Run r = redact(line, "--config", config.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        String pseudonym = new Pseudonymiser(HomeKey.of(key)).pseudonym("alice-7");
        assertThat(JSON.readTree(r.out()).at("/args/user").asText()).isEqualTo(pseudonym);
        assertThat(r.err()).doesNotContain("temporary key");
    }

    @Test
    void aDeclaredPersonalOrSecretValueOfAnotherTypeNeverLeavesAndIsCountedAsATypeMismatch() throws Exception {
        String in = String.join("\n",
                "{\"device\":\"plug-1\",\"model\":\"cuco.plug.v3\",\"ts\":1,\"props\":{\"1.6\":[\"MyHome-5G\"]}}",
                "{\"device\":\"plug-1\",\"model\":\"cuco.plug.v3\",\"ts\":1,\"props\":{\"1.9\":81985529216486895,\"2.1\":true}}",
                "{\"device\":\"plug-1\",\"model\":\"cuco.plug.v3\",\"ts\":1,\"props\":{\"1.4\":{\"mac\":\"28:6c:07:aa:bb:cc\"}}}",
                "");

        for (String mode : new String[] {"drop", "detect"}) {
            Run r = redact(in, "--unknown-fields", mode);

            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.outLines()).as(mode).containsExactly(
                    "{\"device\":\"plug-1\",\"model\":\"cuco.plug.v3\",\"ts\":1,\"props\":{\"2.1\":true}}");
            assertThat(r.out()).doesNotContain("MyHome").doesNotContain("81985529216486895").doesNotContain("28:6c");
            assertThat(r.err()).contains("type mismatch 3");
        }
    }

    @Test
    void unknownFieldsStayHomeByDefaultAndTheDetectModeIsAnOption() throws Exception {
        String in = "{\"device\":\"lamp-1\",\"model\":\"hearth.light.lamp1\",\"ts\":1,"
                + "\"props\":{\"2.1\":true,\"mode\":\"auto\",\"note\":\"call 13812345678\"}}\n";

        Run byDefault = redact(in);
        Run detect = redact(in, "--unknown-fields", "detect");
        Run bad = redact(in, "--unknown-fields", "keep");

        assertThat(JSON.readTree(byDefault.out()).get("props").fieldNames()).toIterable().containsExactly("2.1");
        assertThat(byDefault.err()).contains("dropped fields: declared class 0, type mismatch 0, unknown 2, detector 0");
        assertThat(JSON.readTree(detect.out()).get("props").fieldNames()).toIterable().containsExactly("2.1", "mode");
        assertThat(detect.err()).contains("unknown 0, detector 1 (phone 1)");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--unknown-fields: expected detect or drop");
    }

    @Test
    void aBrokenConfigurationIsAUsageError() throws Exception {
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "home: [\n");

        Run r = redact("", "--config", config.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aSpecModelsPersonalAndVendorFieldsStayHomeAndItsTelemetryLeaves() throws Exception {
        // yeelink.light.bslamp1 and dmaker.fan.p11 are models only through their bundled spec documents
        String in = String.join("\n",
                "{\"device\":\"lamp-2\",\"model\":\"yeelink.light.bslamp1\",\"ts\":1740816000000,"
                        + "\"props\":{\"2.2\":40,\"1.4\":\"Alice's bedside\",\"1.5\":\"2.0.6\"}}",
                "{\"device\":\"fan-2\",\"model\":\"dmaker.fan.p11\",\"ts\":1740816000000,"
                        + "\"props\":{\"2.1\":true,\"3.1\":120}}",
                "");

        Run r = redact(in);

        assertThat(r.exit()).isZero();
        assertThat(JSON.readTree(r.outLines()[0]).get("props").fieldNames()).toIterable().containsExactly("2.2");
        assertThat(JSON.readTree(r.outLines()[1]).get("props").fieldNames()).toIterable().containsExactly("2.1");
        assertThat(r.out()).doesNotContain("Alice");
    }
}
