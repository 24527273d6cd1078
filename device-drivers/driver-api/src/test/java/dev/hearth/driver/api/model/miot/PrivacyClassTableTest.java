package dev.hearth.driver.api.model.miot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.driver.api.model.DataClass;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PrivacyClassTableTest {

    private final PrivacyClassTable table = PrivacyClassTable.standard();

    @ParameterizedTest(name = "{1} in {0} is {2}")
    @CsvSource(nullValues = "UNCLASSIFIED", value = {
            "urn:miot-spec-v2:service:fan:00007808:dmaker-p9:1, urn:miot-spec-v2:property:on:00000006:dmaker-p9:1, TELEMETRY",
            "urn:miot-spec-v2:service:light:00007802:yeelink-v6:1, urn:miot-spec-v2:property:brightness:0000000D:yeelink-v6:1, TELEMETRY",
            "urn:miot-spec-v2:service:switch:0000780C:cuco-v3:1, urn:miot-spec-v2:property:electric-power:00000066:cuco-v3:1, TELEMETRY",
            "urn:miot-spec-v2:service:environment:0000780A:x:1, urn:miot-spec-v2:property:relative-humidity:0000000C:x:1, TELEMETRY",
            "urn:miot-spec-v2:service:battery:00007805:isa-dw2hl:1, urn:miot-spec-v2:property:battery-level:00000014:isa-dw2hl:1, TELEMETRY",
            "urn:miot-spec-v2:service:device-information:00007801:dmaker-p9:1, urn:miot-spec-v2:property:firmware-revision:00000005:dmaker-p9:1, DIAGNOSTIC",
            "urn:miot-spec-v2:service:device-information:00007801:dmaker-p9:1, urn:miot-spec-v2:property:serial-number:00000003:dmaker-p9:1, DIAGNOSTIC",
            // a state-looking property inside device-information gets the service's stricter class
            "urn:miot-spec-v2:service:device-information:00007801:x:1, urn:miot-spec-v2:property:on:00000006:x:1, DIAGNOSTIC",
            // but a personal one stays personal there
            "urn:miot-spec-v2:service:device-information:00007801:x:1, urn:miot-spec-v2:property:ssid:00000000:x:1, PERSONAL",
            "urn:miot-spec-v2:service:wifi:00007800:x:1, urn:miot-spec-v2:property:bssid:00000000:x:1, PERSONAL",
            "urn:miot-spec-v2:service:lock:00007800:x:1, urn:miot-spec-v2:property:operator-id:00000000:x:1, PERSONAL",
            "urn:miot-spec-v2:service:map:00007800:x:1, urn:miot-spec-v2:property:status:00000000:x:1, PERSONAL",
            "urn:miot-spec-v2:service:x:00007800:x:1, urn:miot-spec-v2:property:token:00000000:x:1, SECRET",
            // a vendor's own property: nobody reviewed what it carries
            "urn:miot-spec-v2:service:fan:00007808:dmaker-p11:1, urn:dmaker-spec:property:off-delay-time:00000001:dmaker-p11:1, UNCLASSIFIED",
            "urn:cnhdm-spec:service:function:00007801:cnhdm-wkq01:1, urn:cnhdm-spec:property:parameter:00000001:cnhdm-wkq01:1, UNCLASSIFIED",
            // a vendor's service with a standard property keeps the property's class
            "urn:yeelink-spec:service:notify:00007801:yeelink-v6:1, urn:miot-spec-v2:property:on:00000006:yeelink-v6:1, TELEMETRY",
            // a standard name not in the table
            "urn:miot-spec-v2:service:fan:00007808:x:1, urn:miot-spec-v2:property:no-such-name:00000099:x:1, UNCLASSIFIED",
    })
    void classifiesByTheStandardNameAndTheStricterOfPropertyAndService(String service, String property, DataClass expected) {
        Optional<DataClass> c = table.classOf(SpecUrn.parse(service).orElseThrow(), SpecUrn.parse(property).orElseThrow());

        assertThat(c).isEqualTo(Optional.ofNullable(expected));
    }

    @Test
    void everyEntryOfTheShippedTableGivesItsReason() {
        assertThat(table.properties()).hasSizeGreaterThan(60);
        assertThat(table.properties().values()).allSatisfy(e -> assertThat(e.reason()).isNotBlank());
        assertThat(table.services().values()).allSatisfy(e -> assertThat(e.reason()).isNotBlank());
    }

    @Test
    void aRowWithoutAReasonOrListedTwiceIsRefused() {
        assertThatThrownBy(() -> PrivacyClassTable.read(stream("property\ton\tTELEMETRY\t\n")))
                .hasMessageContaining("no reason");
        assertThatThrownBy(() -> PrivacyClassTable.read(stream("property\ton\tTELEMETRY\tstate\nproperty\ton\tPERSONAL\tx\n")))
                .hasMessageContaining("listed twice");
    }

    @Test
    void urnsParseWithAndWithoutTheirProductPart() {
        SpecUrn full = SpecUrn.parse("urn:miot-spec-v2:device:light:0000A001:yeelink-lamp21:1:0000C802").orElseThrow();
        assertThat(full.kind()).isEqualTo("device");
        assertThat(full.vendorProduct()).contains("yeelink-lamp21");
        assertThat(full.version()).contains(1);
        assertThat(SpecUrn.parse("urn:miot-spec-v2:property:on:00000006").orElseThrow().vendorProduct()).isEmpty();
        assertThat(SpecUrn.parse("urn:miot-spec-v2:property:on")).isEmpty();
        assertThat(SpecUrn.parse("urn:miot-spec-v2:property:on:zz:x:1")).isEmpty();
        assertThat(SpecUrn.parse("urn:miot-spec-v2:property:on:00000006:x:one")).isEmpty();
        assertThat(SpecUrn.parse("x:miot-spec-v2:property:on:00000006:x:1")).isEmpty();
    }

    private static ByteArrayInputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
