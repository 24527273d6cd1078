package dev.hearth.core.devices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.driver.api.DeviceSecret;
import org.junit.jupiter.api.Test;

class DeviceSecretsTest {

    @Test
    void holdsSecretsByDeviceIdUntilRemoved() {
        DeviceSecrets secrets = new DeviceSecrets();
        secrets.put("lamp-1", DeviceSecret.fromHex("00112233445566778899aabbccddeeff"));

        assertThat(secrets.deviceSecret("lamp-1")).contains(DeviceSecret.fromHex("00112233445566778899AABBCCDDEEFF"));
        assertThat(secrets.deviceSecret("other")).isEmpty();
        secrets.remove("lamp-1");
        assertThat(secrets.deviceSecret("lamp-1")).isEmpty();
        assertThatThrownBy(() -> secrets.put(" ", DeviceSecret.fromHex("00"))).isInstanceOf(IllegalArgumentException.class);
    }
}
