package dev.hearth.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsFileTest {
    private static final String LAMP = "00112233445566778899aabbccddeeff";

    @TempDir
    Path dir;

    private Path write(String name, String text, String mode) throws Exception {
        Path file = Files.writeString(dir.resolve(name), text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void loadsAnOwnerOnlyFile() throws Exception {
        Path file = write("secrets.yaml", "devices: { lamp-1: \"" + LAMP + "\" }\nmqtt: { password: pw }\nkeys: { apiToken: t0k }\n", "rw-------");
        SecretsFile s = ((SecretsResult.Loaded) SecretsFile.load(file)).secrets();
        assertThat(s.device("lamp-1").orElseThrow().reveal()).isEqualTo(LAMP);
        assertThat(s.mqttPassword().orElseThrow().reveal()).isEqualTo("pw");
        assertThat(s.key("apiToken").orElseThrow().reveal()).isEqualTo("t0k");
        assertThat(s.resolve(new SecretRef("lamp-1"))).contains(Secret.of(LAMP));
        assertThat(s.resolve(new SecretRef("fan-1"))).isEmpty();
        assertThat(s.resolve(new InlineSecret(Secret.of("ab")))).contains(Secret.of("ab"));
        assertThat(s.toString()).doesNotContain(LAMP).doesNotContain("t0k");
    }

    @Test
    void refusesAFileReadableByGroupOrOthers() throws Exception {
        Path file = write("secrets.yaml", "devices: { lamp-1: \"" + LAMP + "\" }\n", "rw-r--r--");
        SecretsResult r = SecretsFile.load(file);
        assertThat(r).isInstanceOf(SecretsResult.Refused.class);
        assertThat(((SecretsResult.Refused) r).problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("group or others").contains("chmod 600");
            assertThat(p.toString()).doesNotContain(LAMP);
        });
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        assertThat(SecretsFile.load(file)).isInstanceOf(SecretsResult.Refused.class);
    }

    @Test
    void aMissingFileIsEmpty() {
        assertThat(SecretsFile.load(dir.resolve("absent.yaml"))).isEqualTo(new SecretsResult.Loaded(SecretsFile.empty()));
    }

    @Test
    void reportsBadEntriesWithoutShowingThem() throws Exception {
        Path file = write("secrets.yaml", "devices: { a: \"xyz-secret\", b: 1234 }\nwifi: { psk: x }\n", "rw-------");
        List<ConfigProblem> problems = ((SecretsResult.Refused) SecretsFile.load(file)).problems();
        assertThat(problems).extracting(ConfigProblem::toString).containsExactly(
                "devices.a: must be an even number of hexadecimal digits (value not shown)",
                "devices.b: must be quoted, non-empty text (value not shown)",
                "wifi: unknown key in the secrets file");
    }

    @Test
    void brokenYamlDoesNotEchoItsContent() throws Exception {
        Path file = write("secrets.yaml", "devices: { a: \"hunter2-secret\" \n  b: [\n", "rw-------");
        List<ConfigProblem> problems = ((SecretsResult.Refused) SecretsFile.load(file)).problems();
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.message()).startsWith("invalid YAML");
            assertThat(p.toString()).doesNotContain("hunter2");
        });
    }

    @Test
    void listsRefsTheFileDoesNotHold() {
        HearthConfig base = HearthConfig.defaults("h", "g", "u");
        StaticDevice lamp = new StaticDevice("lamp-1", "native", "m", new DeviceAddress("127.0.0.1", java.util.OptionalInt.of(7001)),
                Optional.of(new SecretRef("lamp-1")), Optional.empty(), Optional.empty());
        StaticDevice fan = new StaticDevice("fan", "miio", "m", new DeviceAddress("127.0.0.5", java.util.OptionalInt.empty()),
                Optional.of(new SecretRef("fan-1")), Optional.empty(), Optional.empty());
        HearthConfig c = new HearthConfig(base.home(), base.gateway(), base.discovery(), List.of(lamp, fan), base.cloud(),
                base.http(), base.privacy(), base.online());
        SecretsFile s = new SecretsFile(Map.of("lamp-1", Secret.of(LAMP)), Optional.empty(), Map.of());
        assertThat(s.unresolvedRefs(c)).extracting(ConfigProblem::toString)
                .containsExactly("devices[1]: secret ref 'fan-1' is not in the secrets file ./data/secrets.yaml");
    }

    @Test
    void aRefTheFileDoesNotHoldIsReportedWhereTheEntryIsWritten() {
        HearthConfig base = HearthConfig.defaults("h", "g", "u");
        StaticDevice fan = new StaticDevice("fan", "miio", "m", new DeviceAddress("127.0.0.5", java.util.OptionalInt.empty()),
                Optional.of(new SecretRef("fan-1")), Optional.empty(), Optional.empty(), "devices.static[2]");
        SecretsFile s = new SecretsFile(Map.of(), Optional.empty(), Map.of());
        assertThat(s.unresolvedRefs(base.withDevices(List.of(fan)))).extracting(ConfigProblem::path)
                .containsExactly("devices.static[2]");
    }
}
