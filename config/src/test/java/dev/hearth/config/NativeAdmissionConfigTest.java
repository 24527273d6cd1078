package dev.hearth.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code devices.allowInsecureV1} and {@code online.nativeHealthyAfter} (issue 21). */
class NativeAdmissionConfigTest {
    private static final String BASE = "home: { id: h1, owner: u1 }\ngateway: { id: gw-1 }\n";

    private static ConfigResult parse(String yaml) {
        return new ConfigLoader(Map.of()).parse(BASE + yaml, Path.of("/etc/hearth"));
    }

    private static HearthConfig valid(String yaml) {
        ConfigResult r = parse(yaml);
        assertThat(r).isInstanceOf(ConfigResult.Valid.class);
        return ((ConfigResult.Valid) r).config();
    }

    @Test
    void insecureV1IsRefusedAndNativeSessionsMustStayUp30sByDefault() {
        HearthConfig c = valid("");
        assertThat(c.allowInsecureV1()).isFalse();
        assertThat(c.online().nativeHealthyAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void devicesAsAMappingSetsAllowInsecureV1AndKeepsItsStaticList() {
        HearthConfig c = valid("devices:\n  allowInsecureV1: true\n  static:\n"
                + "    - { id: lamp-1, protocol: native, model: hearth.light.lamp1, address: '127.0.0.1:7001' }\n");
        assertThat(c.allowInsecureV1()).isTrue();
        assertThat(c.devices()).extracting(StaticDevice::id).containsExactly("lamp-1");
    }

    @Test
    void devicesAsAListStillMeansTheStaticListWithV1Refused() {
        HearthConfig c = valid("devices:\n  - { id: lamp-1, protocol: native, model: hearth.light.lamp1, address: '127.0.0.1:7001' }\n");
        assertThat(c.allowInsecureV1()).isFalse();
        assertThat(c.devices()).hasSize(1);
    }

    @Test
    void aBadFlagOrAnUnknownKeyUnderDevicesIsAProblem() {
        assertThat(parse("devices: { allowInsecureV1: maybe }\n").toString()).contains("devices.allowInsecureV1");
        assertThat(parse("devices: { allowInsecure: true }\n")).isInstanceOf(ConfigResult.Invalid.class);
    }

    @Test
    void nativeHealthyAfterIsReadFromTheOnlineSection() {
        assertThat(valid("online: { nativeHealthyAfter: 2m }\n").online().nativeHealthyAfter()).isEqualTo(Duration.ofMinutes(2));
        assertThat(parse("online: { nativeHealthyAfter: soon }\n")).isInstanceOf(ConfigResult.Invalid.class);
    }
}
