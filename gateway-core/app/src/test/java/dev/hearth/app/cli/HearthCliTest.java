package dev.hearth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class HearthCliTest {
    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {
        String[] errLines() {
            return err.isEmpty() ? new String[0] : err.split("\\R");
        }
    }

    private static Run run(Map<String, String> env, String... args) {
        CommandLine cli = HearthCli.commandLine(new HearthCli(env));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static Run run(String... args) {
        return run(Map.of(), args);
    }

    @Test
    void helpListsTheConfigCommand() {
        Run r = run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: hearth").contains("config").contains("--version");
    }

    @Test
    void versionPrintsTheProjectVersion() {
        Run r = run("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().strip()).matches("hearth \\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void configCheckSaysOkForTheExampleFile() throws Exception {
        Path file = dir.resolve("hearth.yaml");
        try (InputStream in = getClass().getResourceAsStream("/hearth.example.yaml")) {
            assertThat(in).isNotNull();
            Files.copy(in, file);
        }
        Run r = run("config", "check", file.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.out().strip()).isEqualTo("ok");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    void configCheckSaysWhichTrustAFileNamingNoneGetsAndWhy() throws Exception {
        Path file = Files.writeString(dir.resolve("plain.yaml"), "home: { id: h1, owner: u1 }\ngateway: { id: gw-1, dataDir: ./data }\n");
        Run fresh = run("config", "check", file.toString());
        assertThat(fresh.exitCode()).isZero();
        assertThat(fresh.out().lines()).first().isEqualTo("ok");
        assertThat(fresh.out()).contains("home.trust: users (not named in the file;").contains("holds no home yet");

        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("data/hearth.db"), "");
        Run old = run("config", "check", file.toString());
        assertThat(old.exitCode()).isZero();
        assertThat(old.out()).contains("home.trust: cloud (not named in the file;").contains("made before home.trust existed");
        assertThat(dir.resolve("data/trust-mode")).as("config check records nothing").doesNotExist();

        Files.writeString(dir.resolve("data/trust-mode"), "maybe\n");
        Run broken = run("config", "check", file.toString());
        assertThat(broken.exitCode()).isEqualTo(2);
        assertThat(broken.err()).contains("home.trust: ").contains("neither \"users\" nor \"cloud\"");
    }

    @Test
    void configCheckListsEveryProblemOnePerLine() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), """
                home: { id: h1, owner: u1 }
                gateway: { id: gw-1 }
                devices:
                  - { id: a, protocol: native, model: m, address: "127.0.0.1:7001" }
                  - { id: a, protocol: native, model: m, address: "127.0.0.1:7002" }
                cloud: { broker: "htp://x", brokr: y }
                http: { port: 70000 }
                online: { heartbeatMisses: 0 }
                """);
        Run r = run("config", "check", file.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).containsExactly(
                "devices[1].id: duplicate device id \"a\" (also devices[0])",
                "cloud.broker: \"htp://x\" is not a tcp://, ssl://, ws:// or wss:// URI",
                "cloud.brokr: unknown key (did you mean 'broker'?)",
                "http.port: must be at most 65535, got 70000",
                "online.heartbeatMisses: must be at least 1, got 0");
    }

    @Test
    void configCheckNamesBothEntriesWhenTwoAreOneMiioDeviceOrShareAnAddress() throws Exception {
        Path file = Files.writeString(dir.resolve("twice.yaml"), """
                home: { id: h1, owner: u1 }
                gateway: { id: gw-1 }
                devices:
                  - { id: "1718865432", protocol: miio, model: zhimi.fan.sa1, address: "127.0.0.5" }
                  - { id: miio-1718865432, protocol: miio, model: zhimi.fan.sa1, address: "127.0.0.6" }
                  - { id: plug-1, protocol: miio, model: cuco.plug.v3, address: "127.0.0.5" }
                """);
        Run r = run("config", "check", file.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        // each problem at the second entry's line, the first named by its own
        assertThat(r.errLines()).containsExactly(
                "devices[1].id: entries \"1718865432\" (devices[0]) and \"miio-1718865432\" are one device (miio-1718865432):"
                        + " the gateway uses the first, \"1718865432\"",
                "devices[2].address: entries \"1718865432\" (devices[0]) and \"plug-1\" have one address (127.0.0.5):"
                        + " replies there reach one session only; the gateway uses the first, \"1718865432\"");
    }

    @Test
    void configCheckPointsAtTheEntryOfTheStaticListWhenDevicesIsAMapping() throws Exception {
        Path file = Files.writeString(dir.resolve("twice-static.yaml"), """
                home: { id: h1, owner: u1 }
                gateway: { id: gw-1 }
                devices:
                  allowInsecureV1: false
                  static:
                    - { id: fan-1, protocol: miio, model: zhimi.fan.sa1, address: "127.0.0.5" }
                    - { id: fan-2, protocol: miio, model: zhimi.fan.sa1, address: "127.0.0.6" }
                    - { id: fan-3, protocol: miio, model: zhimi.fan.sa1, address: "127.0.0.6" }
                """);
        Run r = run("config", "check", file.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString()
                .startsWith("devices.static[2].address: entries \"fan-2\" (devices.static[1]) and \"fan-3\" have one address");
    }

    @Test
    void configCheckOfAMissingFileSaysSoWithoutAStackTrace() {
        Path missing = dir.resolve("nope.yaml");
        Run r = run("config", "check", missing.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).containsExactly(missing + ": file not found");
    }

    @Test
    void configCheckOfBrokenYamlGivesLineAndColumnWithoutAStackTrace() throws Exception {
        Path file = Files.writeString(dir.resolve("broken.yaml"), "home: { id: h1, owner: u1 }\ngateway: [ oops\n");
        Run r = run("config", "check", file.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString()
                .startsWith(file + ": invalid YAML at line ").contains("column").doesNotContain("Exception");
    }

    @Test
    void configCheckUsesTheGivenEnvironment() throws Exception {
        Path file = Files.writeString(dir.resolve("env.yaml"),
                "home: { id: h1, owner: u1 }\ngateway: { id: gw-1 }\nhttp: { port: '${env:PORT}' }\n");
        assertThat(run(Map.of("PORT", "9000"), "config", "check", file.toString()).exitCode()).isZero();
        assertThat(run("config", "check", file.toString()).errLines()).containsExactly("http.port: environment variable PORT is not set");
    }

    @Test
    void configCheckRefusesALooseSecretsFile() throws Exception {
        Path secrets = Files.writeString(dir.resolve("secrets.yaml"), "devices: { lamp-1: \"00ff\" }\n");
        Files.setPosixFilePermissions(secrets, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Path file = Files.writeString(dir.resolve("hearth.yaml"),
                "home: { id: h1, owner: u1 }\ngateway: { id: gw-1, secretsFile: secrets.yaml }\n");
        Run r = run("config", "check", file.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("group or others").contains("chmod 600");
    }

    @Test
    void unknownArgumentsExitTwoWithAHint() {
        Run r = run("config", "chek");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("error: Unmatched argument").contains("Try 'hearth config --help'")
                .doesNotContain("\tat ");
        Run missing = run("config", "check");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required parameter: 'FILE'");
        assertThat(run().exitCode()).isEqualTo(2);
    }

    @Test
    void aFailingCommandPrintsOneErrorLineAndExitsOne() {
        CommandLine cli = HearthCli.commandLine(new HearthCli(Map.of()));
        cli.addSubcommand("boom", new Failing());
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("boom")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("error: the broker refused us" + System.lineSeparator());

        CommandLine debug = HearthCli.commandLine(new HearthCli(Map.of(HearthCli.DEBUG_VARIABLE, "1")));
        debug.addSubcommand("boom", new Failing());
        StringWriter debugErr = new StringWriter();
        debug.setErr(new PrintWriter(debugErr, true));
        assertThat(debug.execute("boom")).isEqualTo(1);
        assertThat(debugErr.toString()).startsWith("error: the broker refused us").contains("\tat ");
    }

    @CommandLine.Command(name = "boom")
    static final class Failing implements Runnable {
        @Override
        public void run() {
            throw new IllegalStateException("the broker refused us");
        }
    }
}
