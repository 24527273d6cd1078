package dev.hearth.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.api.GatewayUnderTest.Entry;
import dev.hearth.testkit.Conditions;
import dev.hearth.driver.api.value.Value;
import dev.hearth.simulator.miio.MiioDeviceKind;
import dev.hearth.simulator.miio.MiioFleet;
import dev.hearth.simulator.miio.SimulatedMiioDevice;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: a simulated MIoT plug answers {@code miIO.info} with its token; after the gateway adopted
 * it and read that reply (its SSID and IP are in the registry), the token is in neither the
 * registry, the local API nor the registry's SQLite row: SECRET stays in the session that read it.
 */
class MiioTokenStaysInTheSessionIT {
    @TempDir Path dir;

    @Test
    void theTokenOfMiioInfoIsInNeitherTheRegistryTheApiNorSqlite() throws Exception {
        try (MiioFleet miio = MiioFleet.start(new MiioFleet.Options(1, List.of(MiioDeviceKind.MIOT_PLUG),
                MiioFleet.address(127, 0, 0, 1), 0, false))) {
            SimulatedMiioDevice plug = miio.devices().get(0);
            String id = plug.gatewayDeviceId();
            String token = plug.token().toHex().toLowerCase(Locale.ROOT);
            try (GatewayUnderTest gw = GatewayUnderTest.start(dir, List.of(new Entry(id, "miio", plug.model(), "127.0.0.1",
                    plug.address().getPort(), Optional.of(plug.token().bytes()))))) {
                gw.awaitOnline(id);
                Conditions.await("miIO.info read into the registry", Duration.ofSeconds(15),
                        () -> gw.gateway().registry().find(id).map(d -> d.state().containsKey("1.6")).orElse(false),
                        () -> gw.gateway().registry().find(id).map(d -> d.state().toString()).orElse("absent"));

                Map<String, Value> state = gw.gateway().registry().find(id).orElseThrow().state();
                assertThat(state).doesNotContainKey("1.9");
                assertThat(state.values().toString().toLowerCase(Locale.ROOT)).doesNotContain(token);
                assertThat(gw.get("/api/v1/devices/" + id).text().toLowerCase(Locale.ROOT)).doesNotContain(token);
                assertThat(gw.get("/api/v1/devices").text().toLowerCase(Locale.ROOT)).doesNotContain(token);
                assertThat(gw.gateway().metrics().scrape()).doesNotContain(token);

                gw.gateway().registry().flush();
                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/hearth.db"));
                     PreparedStatement p = c.prepareStatement("SELECT state FROM registry_device WHERE id = ?")) {
                    p.setString(1, id);
                    try (ResultSet r = p.executeQuery()) {
                        assertThat(r.next()).isTrue();
                        assertThat(r.getString(1)).contains("\"1.6\"").doesNotContain("\"1.9\"");
                        assertThat(r.getString(1).toLowerCase(Locale.ROOT)).doesNotContain(token);
                    }
                }
            }
        }
    }
}
