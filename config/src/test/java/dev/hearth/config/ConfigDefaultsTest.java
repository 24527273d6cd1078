package dev.hearth.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.driver.api.Backoff;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigDefaultsTest {
    private static final Path BASE = Path.of("/etc/hearth");

    private static HearthConfig minimal() {
        ConfigResult r = new ConfigLoader(Map.of()).parse("home: { id: h1, owner: u1 }\ngateway: { id: gw-1 }\n", BASE);
        assertThat(r).isInstanceOf(ConfigResult.Valid.class);
        return ((ConfigResult.Valid) r).config();
    }

    @Test
    void homeNameDefaultsToItsId() {
        assertThat(minimal().home()).isEqualTo(new HomeConfig("h1", "h1", "u1", HomeConfig.DEFAULT_MAX_SHARES, java.util.Optional.empty()));
    }

    @Test
    void gatewayDataDirAndSecretsFileResolveAgainstTheConfigDirectory() {
        GatewayConfig g = minimal().gateway();
        assertThat(g.dataDir()).isEqualTo(Path.of("/etc/hearth/data"));
        assertThat(g.secretsFile()).isEqualTo(Path.of("/etc/hearth/data/secrets.yaml"));
    }

    @Test
    void discoveryDefaultsToLoopbackOnly() {
        DiscoveryConfig d = minimal().discovery();
        assertThat(d.enabled()).isTrue();
        assertThat(d.interfaces()).extracting(a -> a.getHostAddress()).containsExactly("127.0.0.1");
        assertThat(d.serviceTypes()).isEmpty();
    }

    @Test
    void noStaticDevicesByDefault() {
        assertThat(minimal().devices()).isEmpty();
    }

    @Test
    void cloudIsDisabledWithoutItsSectionAndEnabledWithIt() {
        CloudConfig absent = minimal().cloud();
        assertThat(absent.enabled()).isFalse();
        assertThat(absent).isEqualTo(CloudConfig.defaults("gw-1"));

        ConfigResult r = new ConfigLoader(Map.of()).parse(
                "home: { id: h1, owner: u1 }\ngateway: { id: gw-1 }\ncloud: { broker: 'ssl://broker.example:8883' }\n", BASE);
        CloudConfig c = ((ConfigResult.Valid) r).config().cloud();
        assertThat(c.enabled()).isTrue();
        assertThat(c.clientId()).isEqualTo("hearth-gw-1");
        assertThat(c.keepAlive()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.topicPrefix()).isEqualTo("hearth/v1");
        assertThat(c.reconnect()).isEqualTo(Backoff.doubling(Duration.ofSeconds(1), Duration.ofSeconds(60)));
        assertThat(c.outbox()).isEqualTo(new OutboxConfig(100_000, DataSize.ofMegabytes(64), Duration.ofDays(7)));
        assertThat(c.commands()).isEqualTo(new CommandsConfig(Duration.ofSeconds(30), Duration.ofMinutes(5), DataSize.ofKilobytes(64)));
        assertThat(c.trustedKeys()).isEmpty();
        assertThat(c.username()).isEmpty();
        assertThat(c.password()).isEmpty();
        assertThat(c.tls()).isEmpty();
    }

    @Test
    void httpDefaultsToLoopbackPort8080() {
        HttpConfig h = minimal().http();
        assertThat(h.enabled()).isTrue();
        assertThat(h.bind().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(h.port()).isEqualTo(8080);
    }

    @Test
    void privacyDefaultsKeepTelemetryAndDropPersonalData() {
        PrivacyConfig p = minimal().privacy();
        assertThat(p.uxProgramme()).isFalse();
        assertThat(p.unknownFields()).isEqualTo(UnknownFieldsMode.DROP);
        assertThat(p.retention()).isEqualTo(Duration.ofDays(30));
        assertThat(p.classes()).isEqualTo(new DataClassActions(PrivacyAction.KEEP, PrivacyAction.KEEP, PrivacyAction.DROP));
        assertThat(p.overrides()).isEmpty();
    }

    @Test
    void onlineDefaults() {
        OnlineConfig o = minimal().online();
        assertThat(o.heartbeatMisses()).isEqualTo(3);
        assertThat(o.commandTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.reconnect()).isEqualTo(Backoff.doubling(Duration.ofMillis(500), Duration.ofSeconds(60)));
        assertThat(o.flapDamping()).isEqualTo(new FlapDamping(5, Duration.ofSeconds(60), Duration.ofSeconds(120)));
        assertThat(o.miioPollInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.miioProbe()).isEqualTo(new MiioProbe(Duration.ofSeconds(10), Duration.ofSeconds(60), 3, Duration.ofSeconds(2),
                Duration.ofSeconds(2), 2));
    }

    @Test
    void loadedMinimalConfigEqualsTheDefaultsConvenienceApartFromResolvedPaths() {
        HearthConfig loaded = minimal();
        HearthConfig defaults = HearthConfig.defaults("h1", "gw-1", "u1");
        assertThat(loaded.discovery()).isEqualTo(defaults.discovery());
        assertThat(loaded.cloud()).isEqualTo(defaults.cloud());
        assertThat(loaded.http()).isEqualTo(defaults.http());
        assertThat(loaded.privacy()).isEqualTo(defaults.privacy());
        assertThat(loaded.online()).isEqualTo(defaults.online());
        assertThat(defaults.gateway().secretsFile()).isEqualTo(Path.of("./data/secrets.yaml"));
        assertThat(defaults.devices()).isEqualTo(List.of());
    }

    @Test
    void durationsAndSizesParseEveryUnit() {
        assertThat(ConfigDurations.parse("500ms")).contains(Duration.ofMillis(500));
        assertThat(ConfigDurations.parse("30s")).contains(Duration.ofSeconds(30));
        assertThat(ConfigDurations.parse("5m")).contains(Duration.ofMinutes(5));
        assertThat(ConfigDurations.parse("2h")).contains(Duration.ofHours(2));
        assertThat(ConfigDurations.parse("7d")).contains(Duration.ofDays(7));
        assertThat(ConfigDurations.parse("5 minutes")).isEmpty();
        assertThat(ConfigDurations.format(Duration.ofSeconds(120))).isEqualTo("2m");
        assertThat(DataSize.parse("512KB")).contains(DataSize.ofKilobytes(512));
        assertThat(DataSize.parse("64MB")).contains(DataSize.ofMegabytes(64));
        assertThat(DataSize.parse("1GB")).contains(DataSize.ofMegabytes(1024));
        assertThat(DataSize.parse("100B")).contains(DataSize.ofBytes(100));
        assertThat(DataSize.parse("64 parsecs")).isEmpty();
        assertThat(DataSize.parse("999999999999GB")).isEmpty();
        assertThat(DataSize.ofMegabytes(64)).hasToString("64MB");
    }
}
