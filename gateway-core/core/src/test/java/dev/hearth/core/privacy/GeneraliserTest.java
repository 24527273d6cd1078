package dev.hearth.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.driver.api.value.Value;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GeneraliserTest {

    private final Generaliser g = new Generaliser();

    @Test
    void anIpv4AddressBecomesItsSlash24() {
        assertThat(g.generalise("ip", Value.of("192.0.2.77"))).contains(Value.of("192.0.2.0/24"));
    }

    @Test
    void anIpv6AddressBecomesItsSlash48() {
        assertThat(g.generalise("ip", Value.of("2001:db8:85a3:1234:5678::1"))).contains(Value.of("2001:db8:85a3::/48"));
        assertThat(g.generalise("ip", Value.of("fe80::1%eth0"))).contains(Value.of("fe80::/48"));
    }

    @Test
    void coordinatesKeepTwoDecimals() {
        assertThat(g.generalise("lat", Value.of(31.230416))).contains(Value.of(31.23));
        assertThat(g.generalise("location", Value.of("31.230416,121.473701"))).contains(Value.of("31.23,121.47"));
        assertThat(g.generalise("location", new Value.Struct(Map.of("lat", Value.of(31.236), "lng", Value.of(121.4737)))))
                .contains(new Value.Struct(Map.of("lat", Value.of(31.24), "lng", Value.of(121.47))));
        assertThat(g.generalise("gps", new Value.Array(List.of(Value.of(121.4737), Value.of(31.2304)))))
                .contains(new Value.Array(List.of(Value.of(121.47), Value.of(31.23))));
    }

    @Test
    void timestampsAreCutToTheMinute() {
        assertThat(g.generalise("last_seen_time", Value.of(1717000012345L))).contains(Value.of(1716999960000L));
        assertThat(g.generalise("updated_at", Value.of(1717000012L))).contains(Value.of(1716999960L));
        assertThat(g.generalise("any", Value.of("2024-05-01T10:15:30.123+08:00"))).contains(Value.of("2024-05-01T10:15:00+08:00"));
        assertThat(g.generalise("any", Value.of("2024-05-01T02:15:30Z"))).contains(Value.of("2024-05-01T02:15:00Z"));
    }

    @Test
    void whatCannotBeGeneralisedIsEmpty() {
        assertThat(g.generalise("name", Value.of("Zhang Wei"))).isEmpty();
        assertThat(g.generalise("count", Value.of(12345L))).isEmpty();
        assertThat(g.generalise("flag", Value.of(true))).isEmpty();
        assertThat(g.generalise("location", new Value.Struct(Map.of("lat", Value.of(31.2), "owner", Value.of("Zhang")))))
                .isEmpty();
    }
}
