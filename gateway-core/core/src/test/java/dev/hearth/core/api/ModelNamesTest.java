package dev.hearth.core.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.core.http.ApiException;
import dev.hearth.driver.api.model.DeviceModel;
import dev.hearth.driver.api.model.miot.MiotSpecReader;
import dev.hearth.driver.api.model.miot.PrivacyClassTable;
import dev.hearth.driver.api.model.miot.SpecReading;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Names a client may use for a property or action, on models read from real specs (python-miio's copies of dmaker.fan.p9 and p11). */
class ModelNamesTest {

    private static Optional<DeviceModel> model(String resource, String name) throws IOException {
        try (InputStream in = ModelNamesTest.class.getClassLoader().getResourceAsStream(resource)) {
            SpecReading r = new MiotSpecReader(PrivacyClassTable.standard()).read(in.readAllBytes(), name);
            return Optional.of(((SpecReading.Accepted) r).model());
        }
    }

    @Test
    void aKeyAServiceQualifiedNameAndAUniqueNameAllNameTheSameProperty() throws IOException {
        Optional<DeviceModel> p9 = model("miot-specs/dmaker.fan.p9.json", "dmaker.fan.p9");

        assertThat(ModelNames.property(p9, "2.11")).isEqualTo("2.11");
        assertThat(ModelNames.property(p9, "speed-level")).isEqualTo("2.11");
        assertThat(ModelNames.property(p9, "fan.speed-level")).isEqualTo("2.11");
        assertThat(ModelNames.action(p9, "toggle")).isEqualTo("2.1");
        assertThat(ModelNames.action(p9, "fan.toggle")).isEqualTo("2.1");
    }

    @Test
    void aNameTwoServicesShareIsRefusedWithBothKeysButItsQualifiedFormsWork() throws IOException {
        Optional<DeviceModel> p11 = model("hearth/miot-specs/dmaker.fan.p11.json", "dmaker.fan.p11");

        assertThatThrownBy(() -> ModelNames.property(p11, "on")).isInstanceOf(ApiException.class)
                .hasMessageContaining("2.1 and 4.1");
        assertThat(ModelNames.property(p11, "fan.on")).isEqualTo("2.1");
        assertThat(ModelNames.property(p11, "indicator-light.on")).isEqualTo("4.1");
    }

    @Test
    void aNameTheModelDoesNotKnowIsLeftForTheDriverToRefuse() throws IOException {
        Optional<DeviceModel> p9 = model("miot-specs/dmaker.fan.p9.json", "dmaker.fan.p9");

        assertThat(ModelNames.property(p9, "no-such")).isEqualTo("no-such");
        assertThat(ModelNames.property(Optional.empty(), "brightness")).isEqualTo("brightness");
    }
}
