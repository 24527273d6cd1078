package dev.hearth.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.driver.api.model.DeviceModel;
import dev.hearth.driver.api.model.miot.MiotSpecReader;
import dev.hearth.driver.api.model.miot.PrivacyClassTable;
import dev.hearth.driver.api.model.miot.SpecReading;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The controls the API offers for a model read from a real spec (python-miio's copy of dmaker.fan.p9's). */
class ModelControlsTest {

    private static DeviceModel p9() throws IOException {
        try (InputStream in = ModelControlsTest.class.getClassLoader().getResourceAsStream("miot-specs/dmaker.fan.p9.json")) {
            SpecReading r = new MiotSpecReader(PrivacyClassTable.standard()).read(in.readAllBytes(), "dmaker.fan.p9");
            return ((SpecReading.Accepted) r).model();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> property(Map<String, Object> described, String key) {
        return ((List<Map<String, Object>>) described.get("properties")).stream()
                .filter(p -> p.get("key").equals(key)).findFirst().orElseThrow();
    }

    @Test
    void eachPropertyGetsTheControlItsTypeRangeAndValueListCallFor() throws IOException {
        Map<String, Object> d = ModelControls.describe(p9());

        assertThat(property(d, "2.1")).containsEntry("name", "on").containsEntry("control", "switch");
        assertThat(property(d, "2.11")).containsEntry("name", "speed-level").containsEntry("control", "slider")
                .containsEntry("min", 1L).containsEntry("max", 100L).containsEntry("step", 1L);
        assertThat(property(d, "2.4")).containsEntry("name", "mode").containsEntry("control", "select")
                .containsEntry("options", List.of(Map.of("value", 0L, "label", "Straight Wind"),
                        Map.of("value", 1L, "label", "Natural Wind"), Map.of("value", 2L, "label", "Sleep")));
        assertThat(property(d, "2.8")).containsEntry("unit", "minutes").containsEntry("control", "slider");
        assertThat(property(d, "1.4")).containsEntry("name", "firmware-revision").containsEntry("control", "none")
                .containsEntry("class", "diagnostic");
    }

    @Test
    void anActionWithoutInputsIsAButton() throws IOException {
        Map<String, Object> d = ModelControls.describe(p9());

        assertThat((List<Map<String, Object>>) d.get("actions")).singleElement().satisfies(a -> {
            assertThat(a).containsEntry("key", "2.1").containsEntry("name", "toggle").containsEntry("control", "button")
                    .containsEntry("requires", "operate");
        });
    }
}
