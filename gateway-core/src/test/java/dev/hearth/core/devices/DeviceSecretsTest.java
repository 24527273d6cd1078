package dev.hearth.core.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.driver.api.DeviceSecret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceSecretsTest {
    @TempDir Path dir;

    private Path file(String yaml, String perms) throws Exception {
        Path f = dir.resolve("secrets.yaml");
        Files.writeString(f, yaml);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(perms));
        return f;
    }

    @Test
    void loadsHexSecretsByDeviceId() throws Exception {
        Path f = file("devices:\n  lamp-1: \"00112233445566778899AABBCCDDEEFF\"\n  plug-2: 0a0b\n", "rw-------");

        DeviceSecrets secrets = DeviceSecrets.fromFile(f);

        assertThat(secrets.deviceSecret("lamp-1")).contains(DeviceSecret.fromHex("00112233445566778899aabbccddeeff"));
        assertThat(secrets.deviceSecret("plug-2").orElseThrow().bytes()).containsExactly(0x0a, 0x0b);
        assertThat(secrets.deviceSecret("other")).isEmpty();
    }

    @Test
    void refusesAFileReadableByGroupOrOthers() throws Exception {
        Path f = file("devices:\n  lamp-1: \"0011\"\n", "rw-r-----");
        assertThatThrownBy(() -> DeviceSecrets.fromFile(f)).isInstanceOf(SecretsFileException.class)
                .hasMessageContaining("readable by group or others");
    }

    @Test
    void reportsABadSecretByDeviceWithoutEchoingIt() throws Exception {
        Path f = file("devices:\n  lamp-1: \"zz11secretish\"\n", "rw-------");
        assertThatThrownBy(() -> DeviceSecrets.fromFile(f)).isInstanceOf(SecretsFileException.class)
                .hasMessageContaining("lamp-1").hasMessageNotContaining("zz11secretish");
    }

    @Test
    void reportsAnUnquotedNumericSecretAndBrokenYamlClearly() throws Exception {
        Path numeric = file("devices:\n  lamp-1: 00112233\n", "rw-------");
        assertThatThrownBy(() -> DeviceSecrets.fromFile(numeric)).isInstanceOf(SecretsFileException.class)
                .hasMessageContaining("quoted hex string");
        Path broken = file("devices: [\n  \"deadbeefcafe\n", "rw-------");
        assertThatThrownBy(() -> DeviceSecrets.fromFile(broken)).isInstanceOf(SecretsFileException.class)
                .hasMessageContaining("not valid YAML").hasMessageNotContaining("deadbeefcafe");
    }

    @Test
    void anEmptyFileHasNoSecrets() throws Exception {
        assertThat(DeviceSecrets.fromFile(file("", "rw-------")).deviceSecret("x")).isEmpty();
    }
}
