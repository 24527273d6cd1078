package dev.hearth.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.config.HearthConfig;
import dev.hearth.config.Secret;
import dev.hearth.config.SecretsFile;
import dev.hearth.core.devices.DeviceSecrets;
import dev.hearth.core.devices.InstalledDrivers;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A miIO token hand-written under the bare did reaches the device discovery names miio-<did> (issue #14, one identity). */
class ConfigMappingSecretsTest {
    private static final String TOKEN = "00112233445566778899aabbccddeeff";
    private static final String OTHER = "ffeeddccbbaa99887766554433221100";
    private final HearthConfig config = HearthConfig.defaults("home-1", "gw-1", "owner");

    @Test
    void aTokenUnderTheBareDidIsTheDiscoveredDevicesToken() {
        SecretsFile file = new SecretsFile(Map.of("1718865432", Secret.of(TOKEN)), Optional.empty(), Map.of());
        DeviceSecrets secrets = ConfigMapping.deviceSecrets(config, file, InstalledDrivers.load(getClass().getClassLoader()));
        assertThat(secrets.deviceSecret("miio-1718865432")).isPresent();
        assertThat(secrets.deviceSecret("miio-1718865432").orElseThrow().bytes())
                .isEqualTo(secrets.deviceSecret("1718865432").orElseThrow().bytes());
    }

    @Test
    void anEntryUnderTheNormalisedIdWinsOverTheBareDid() {
        SecretsFile file = new SecretsFile(Map.of("1718865432", Secret.of(OTHER), "miio-1718865432", Secret.of(TOKEN)),
                Optional.empty(), Map.of());
        DeviceSecrets secrets = ConfigMapping.deviceSecrets(config, file, InstalledDrivers.load(getClass().getClassLoader()));
        assertThat(java.util.HexFormat.of().formatHex(secrets.deviceSecret("miio-1718865432").orElseThrow().bytes())).isEqualTo(TOKEN);
    }

    @Test
    void idsNoDriverNormalisesStayAsWritten() {
        SecretsFile file = new SecretsFile(Map.of("lamp-1", Secret.of(TOKEN)), Optional.empty(), Map.of());
        DeviceSecrets secrets = ConfigMapping.deviceSecrets(config, file, InstalledDrivers.load(getClass().getClassLoader()));
        assertThat(secrets.deviceSecret("lamp-1")).isPresent();
        assertThat(secrets.deviceSecret("miio-lamp-1")).isEmpty();
    }
}
