package dev.hearth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.config.ConfigLoader;
import dev.hearth.config.ConfigResult;
import dev.hearth.config.HearthConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReloadTest {
    private static final String CONFIG = """
            home: { id: home-1, owner: u1 }
            gateway: { id: gw-1, dataDir: ./data }
            privacy: { classes: { personal: drop } }
            """;

    @TempDir
    Path dir;

    private Path file;
    private SimpleMeterRegistry registry;
    private ConfigReload reload;

    @BeforeEach
    void aRunningConfiguration() throws Exception {
        file = dir.resolve("hearth.yaml");
        Files.writeString(file, CONFIG);
        HearthConfig running = ((ConfigResult.Valid) new ConfigLoader(Map.of()).load(file)).config();
        registry = new SimpleMeterRegistry();
        reload = new ConfigReload(file, Map.of(), running, registry);
    }

    private double count(String result) {
        return registry.get("hearth_config_reloads").tag("result", result).counter().count();
    }

    @Test
    void aFileThatNoLongerLoadsIsRefusedWithItsProblemsAndCounted() throws Exception {
        Files.writeString(file, CONFIG.replace("personal: drop", "personal: leak"));

        ConfigReload.Outcome outcome = reload.reload();

        assertThat(outcome).isInstanceOf(ConfigReload.Outcome.Refused.class);
        assertThat(((ConfigReload.Outcome.Refused) outcome).problems()).anySatisfy(p -> assertThat(p).contains("personal"));
        assertThat(count("refused")).isEqualTo(1.0);
        assertThat(count("needs_restart")).isZero();
    }

    @Test
    void aValidChangeNamesTheChangedSectionsThatNeedARestart() throws Exception {
        Files.writeString(file, CONFIG.replace("personal: drop", "personal: pseudonymise"));

        assertThat(reload.reload()).isEqualTo(new ConfigReload.Outcome.NeedsRestart(java.util.List.of("privacy")));
        assertThat(count("needs_restart")).isEqualTo(1.0);
    }

    @Test
    void theSameFileIsUnchanged() {
        assertThat(reload.reload()).isEqualTo(new ConfigReload.Outcome.Unchanged());
        assertThat(count("unchanged")).isEqualTo(1.0);
    }
}
