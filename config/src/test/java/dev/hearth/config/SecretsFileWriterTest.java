package dev.hearth.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.driver.api.DeviceSecret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writing side of the secrets file reads back through {@link SecretsFile#load}: one format, one codec. */
class SecretsFileWriterTest {
    private static final String LAMP = "00112233445566778899aabbccddeeff";

    @TempDir Path dir;

    private static SecretsFile load(Path file) {
        return ((SecretsResult.Loaded) SecretsFile.load(file)).secrets();
    }

    @Test
    void aGeneratedFileIsOwnerOnlyAndReadsBackWithEveryDeviceIncludingAllDigitSecrets() throws Exception {
        Path file = dir.resolve("secrets.yaml");
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("lamp-1", LAMP);
        secrets.put("miio-1718865432", "12345678901234567890123456789012"); // digits only: must stay text
        SecretsFileWriter.writeDevices(file, "simulator keys", secrets);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        SecretsFile read = load(file);
        assertThat(read.devices()).hasSize(2);
        assertThat(read.device("lamp-1").orElseThrow().reveal()).isEqualTo(LAMP);
        assertThat(read.device("miio-1718865432").orElseThrow().reveal()).isEqualTo("12345678901234567890123456789012");
        assertThat(Files.readString(file)).startsWith("# simulator keys\n");
        assertThat(Files.list(dir)).as("no temporary file left").containsExactly(file);
    }

    @Test
    void puttingADeviceSecretKeepsTheOtherSectionsAndEntriesAndReplacesItsOwn() throws Exception {
        Path file = Files.writeString(dir.resolve("secrets.yaml"),
                "devices: { fan-1: \"aabb\", lamp-1: \"ccdd\" }\nmqtt: { password: pw }\nkeys: { apiToken: t0k }\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        new SecretsFileWriter(file).put("lamp-1", DeviceSecret.fromHex(LAMP));
        new SecretsFileWriter(file).put("plug-9", DeviceSecret.fromHex("0011"));

        SecretsFile read = load(file);
        assertThat(read.device("fan-1").orElseThrow().reveal()).isEqualTo("aabb");
        assertThat(read.device("lamp-1").orElseThrow().reveal()).isEqualTo(LAMP);
        assertThat(read.device("plug-9").orElseThrow().reveal()).isEqualTo("0011");
        assertThat(read.mqttPassword().orElseThrow().reveal()).isEqualTo("pw");
        assertThat(read.key("apiToken").orElseThrow().reveal()).isEqualTo("t0k");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aSecretThatIsNotHexOrAMultiLineCommentIsRefusedAndNoFileIsWritten() {
        Path file = dir.resolve("secrets.yaml");
        assertThatThrownBy(() -> SecretsFileWriter.writeDevices(file, "keys", Map.of("lamp-1", "zz-secret-zz")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("zz-secret-zz");
        assertThatThrownBy(() -> SecretsFileWriter.writeDevices(file, "a\ndevices: {}", Map.of("lamp-1", LAMP)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(file).doesNotExist();
    }
}
