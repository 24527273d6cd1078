package dev.hearth.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The HTTP bounds and the share bound of issue 21 (http.maxConnections, idleTimeout, hostNames; home.maxShares). */
class HttpAndShareLimitsConfigTest {
    private static ConfigResult parse(String yaml) {
        return new ConfigLoader(Map.of()).parse(yaml, Path.of("/etc/hearth"));
    }

    @Test
    void theBoundsHaveDefaults() {
        HearthConfig c = ((ConfigResult.Valid) parse("home: { id: h1, owner: u1 }\ngateway: { id: gw-1 }\n")).config();
        assertThat(c.http().maxConnections()).isEqualTo(256);
        assertThat(c.http().idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.http().hostNames()).isEmpty();
        assertThat(c.home().maxShares()).isEqualTo(1000);
    }

    @Test
    void theBoundsAreRead() {
        ConfigResult r = parse("home: { id: h1, owner: u1, maxShares: 50 }\ngateway: { id: gw-1 }\n"
                + "http: { maxConnections: 64, idleTimeout: 5s, hostNames: [Hearth.Home.Arpa, gw.local] }\n");
        assertThat(r).isInstanceOf(ConfigResult.Valid.class);
        HearthConfig c = ((ConfigResult.Valid) r).config();
        assertThat(c.http().maxConnections()).isEqualTo(64);
        assertThat(c.http().idleTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.http().hostNames()).isEqualTo(List.of("hearth.home.arpa", "gw.local"));
        assertThat(c.home().maxShares()).isEqualTo(50);
    }

    @Test
    void badBoundsAreProblemsWithTheirPath() {
        ConfigResult r = parse("home: { id: h1, owner: u1, maxShares: 0 }\ngateway: { id: gw-1 }\n"
                + "http: { maxConnections: 0, hostNames: [\"evil example\"] }\n");
        assertThat(r).isInstanceOf(ConfigResult.Invalid.class);
        assertThat(r.toString()).contains("home.maxShares").contains("http.maxConnections").contains("http.hostNames[0]");
    }
}
