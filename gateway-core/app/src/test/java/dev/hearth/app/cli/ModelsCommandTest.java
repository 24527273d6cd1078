package dev.hearth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code hearth models check|import|list|show} on the miIO driver's bundled spec documents. */
class ModelsCommandTest {

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

    /** A bundled document (python-miio's copy of the published dmaker.fan.p11 spec) as a file. */
    private Path p11File(String name) throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("hearth/miot-specs/dmaker.fan.p11.json")) {
            Path f = dir.resolve(name);
            Files.write(f, in.readAllBytes());
            return f;
        }
    }

    private Path configFile() throws Exception {
        Path file = dir.resolve("hearth.yaml");
        Files.writeString(file, """
                home: { id: home-1, owner: owner-1 }
                gateway: { id: gw-1, dataDir: ./data }
                discovery: { enabled: false }
                http: { enabled: false }
                """);
        return file;
    }

    @Test
    void checkExplainsASpecDocumentWithEveryPropertysClassAndWhatStaysHome() throws Exception {
        Run r = run("models", "check", p11File("dmaker.fan.p11.json").toString());

        assertThat(r.exit()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("dmaker.fan.p11 (miio): Fan", "spec urn:miot-spec-v2:device:fan:0000A005:dmaker-p11:1",
                "property 2.1 on  bool  notify,read,write  TELEMETRY",
                "property 1.3 serial-number  string  read  DIAGNOSTIC",
                "values 0=Straight Wind, 1=Natural Wind",
                "action 3.1 toggle",
                "unclassified 3.1 off-delay-time (dmaker-spec): not declared");
    }

    @Test
    void checkListsEveryProblemWithItsPathAndExitsTwo() throws Exception {
        Path f = p11File("broken.json");
        Files.writeString(f, Files.readString(f).replaceFirst("\"format\": \"bool\"", "\"format\": \"boolean\""));

        Run r = run("models", "check", f.toString(), "--model", "dmaker.fan.p11");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("$.services[1].properties[0].format: unknown format 'boolean'");
        assertThat(r.out()).doesNotContain("property 2.1 ");
    }

    @Test
    void checkRefusesAFileThatIsNoSpec() throws Exception {
        Path f = dir.resolve("x.json");
        Files.writeString(f, "not json", StandardCharsets.UTF_8);

        Run r = run("models", "check", f.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("$: not a JSON document");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void anImportedSpecIsListedAndShownFromTheDataDirectory() throws Exception {
        Path config = configFile();

        Run imported = run("models", "import", p11File("spec.json").toString(), "--model", "vendor.fan.copy", "--config", config.toString());
        Run list = run("models", "list", "--config", config.toString());
        Run show = run("models", "show", "vendor.fan.copy", "--config", config.toString());

        assertThat(imported.exit()).isZero();
        assertThat(dir.resolve("data/models/imported/vendor.fan.copy.json")).exists();
        assertThat(list.out()).contains("vendor.fan.copy\tmiio\tspec, imported", "dmaker.fan.p9\tmiio\tspec, bundled",
                "zhimi.fan.sa1\tmiio\tmodel file");
        assertThat(show.exit()).isZero();
        assertThat(show.out()).contains("property 2.3 mode  int  notify,read,write  TELEMETRY  range [0, 1]  values 0=Straight Wind");
    }

    @Test
    void importRefusesABrokenDocumentAndABadModelName() throws Exception {
        Path config = configFile();
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"type\": \"urn:miot-spec-v2:device:fan:0000A005:x:1\"}");

        Run r = run("models", "import", broken.toString(), "--model", "vendor.fan.x", "--config", config.toString());
        Run badName = run("models", "import", p11File("ok.json").toString(), "--model", "../escape", "--config", config.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("$.services: a spec document must list its services", "not imported");
        assertThat(badName.exit()).isEqualTo(2);
        assertThat(dir.resolve("data/models/imported")).doesNotExist();
    }

    @Test
    void showNamesTheImportCommandForAModelItDoesNotKnow() {
        Run r = run("models", "show", "no.such.model");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("hearth models import");
    }
}
