package dev.hearth.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleConfigTest {

    @Test
    void theShippedExampleIsValidWithAnEmptyEnvironment(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("hearth.yaml");
        try (InputStream in = getClass().getResourceAsStream("/hearth.example.yaml")) {
            assertThat(in).as("hearth.example.yaml on the classpath").isNotNull();
            Files.copy(in, file);
        }
        ConfigResult r = new ConfigLoader(Map.of()).load(file);
        assertThat(r).as(r.toString()).isInstanceOf(ConfigResult.Valid.class);
        HearthConfig c = ((ConfigResult.Valid) r).config();
        assertThat(c.home()).isEqualTo(new HomeConfig("home-1", "Our flat", "u1", HomeConfig.DEFAULT_MAX_SHARES, TrustMode.USERS));
        assertThat(c.gateway().dataDir()).isEqualTo(dir.resolve("data"));
        assertThat(c.devices()).extracting(StaticDevice::id).containsExactly("lamp-1", "1718865432");
        // where each entry is written, for problems found after loading (one identity per device)
        assertThat(c.devices()).extracting(StaticDevice::path).containsExactly("devices[0]", "devices[1]");
        assertThat(c.cloud().enabled()).isTrue();
        assertThat(c.cloud().trustedKeys()).extracting(TrustedKey::id).containsExactly("cloud-1");
        assertThat(c.privacy().overrideFor("hearth.vacuum.v1", 3, 2)).contains(PrivacyAction.GENERALISE);
    }
}
