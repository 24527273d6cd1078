package dev.hearth.driver.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelCatalogTest {

    private static final String SAMPLE = "models/sample-lock.json";

    @Test
    void parsesAPropertyWithRangeUnitAndLegacyName() throws IOException {
        DeviceModel model = sample();

        PropertySpec brightness = model.property("2.2").orElseThrow().property();
        assertThat(brightness.name()).isEqualTo("brightness");
        assertThat(brightness.type()).isEqualTo(ValueType.INT);
        assertThat(brightness.unit()).contains("percentage");
        assertThat(brightness.range()).contains(new Range(1, 100, 1));
        assertThat(brightness.access()).isEqualTo(Set.of(Access.READ, Access.WRITE));
        assertThat(brightness.dataClass()).isEqualTo(DataClass.TELEMETRY);
        assertThat(brightness.legacyName()).contains("bright");
        assertThat(model.property("bright")).isEqualTo(model.property(2, 2));
        assertThat(model.property("2.1").orElseThrow().property().range()).isEmpty();
    }

    @Test
    void parsesTheModelHeaderAndKeepsPropertiesInModelOrder() throws IOException {
        DeviceModel model = sample();

        assertThat(model.model()).isEqualTo("hearth.lock.door1");
        assertThat(model.protocol()).isEqualTo("native");
        assertThat(model.option("native.heartbeat")).contains("15000");
        assertThat(model.properties()).extracting(DeviceModel.PropertyRef::key).containsExactly("2.1", "2.2", "5.1");
        assertThat(model.property("5.1").orElseThrow().property().dataClass()).isEqualTo(DataClass.PERSONAL);
    }

    @Test
    void parsesAnActionThatRequiresManageAndDefaultsOthersToOperate() throws IOException {
        DeviceModel model = sample();

        ActionSpec unlock = model.action("5.1").orElseThrow().action();
        assertThat(unlock.required()).isEqualTo(Privilege.MANAGE);
        assertThat(unlock.in()).containsExactly(new ArgSpec("duration", ValueType.INT, DataClass.TELEMETRY));
        assertThat(model.action("2.1").orElseThrow().action().required()).isEqualTo(Privilege.OPERATE);
    }

    @Test
    void parsesAnEventWithAPersonalArgument() throws IOException {
        EventSpec unlocked = sample().event("5.1").orElseThrow().event();

        assertThat(unlocked.name()).isEqualTo("unlocked");
        assertThat(unlocked.args()).containsExactly(
                new ArgSpec("user", ValueType.STRING, DataClass.PERSONAL),
                new ArgSpec("method", ValueType.INT, DataClass.TELEMETRY));
    }

    @Test
    void rejectsDuplicatePiidsNamingTheKey() {
        String json = sampleText().replace("{\"piid\": 2, \"name\": \"brightness\"", "{\"piid\": 1, \"name\": \"brightness\"");

        assertThatThrownBy(() -> parse(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("broken.json: duplicate property 2.1");
    }

    @Test
    void rejectsAnUnknownDataClassNamingTheValue() {
        String json = sampleText().replace("\"class\": \"personal\"}\n     ],", "\"class\": \"sensitive\"}\n     ],");

        assertThatThrownBy(() -> parse(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("broken.json: 'sensitive' is not one of [TELEMETRY, DIAGNOSTIC, PERSONAL, SECRET]");
    }

    @Test
    void rejectsAnActionRequiringLessThanOperate() {
        String json = sampleText().replace("\"requires\": \"manage\"", "\"requires\": \"view\"");

        assertThatThrownBy(() -> parse(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("broken.json: action unlock cannot require less than OPERATE");
    }

    @Test
    void rejectsAMissingFieldNamingIt() {
        String json = sampleText().replace("\"piid\": 2, \"name\": \"brightness\", ", "\"piid\": 2, ");

        assertThatThrownBy(() -> parse(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("broken.json: missing text field 'name'");
    }

    @Test
    void rejectsAMissingIntegerIdNamingIt() {
        String json = sampleText().replace("{\"eiid\": 1, ", "{");

        assertThatThrownBy(() -> parse(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("broken.json: missing integer field 'eiid'");
    }

    @Test
    void catalogRefusesTheSameModelTwice() throws IOException {
        DeviceModel model = sample();

        assertThatThrownBy(() -> new ModelCatalog(List.of(model, model))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("model hearth.lock.door1 is defined twice");
        assertThat(new ModelCatalog(List.of(model)).find("hearth.lock.door1")).isEqualTo(Optional.of(model));
    }

    private static DeviceModel sample() throws IOException {
        try (InputStream in = ModelCatalogTest.class.getClassLoader().getResourceAsStream(SAMPLE)) {
            return ModelCatalog.parse(in, SAMPLE);
        }
    }

    private static String sampleText() {
        try (InputStream in = ModelCatalogTest.class.getClassLoader().getResourceAsStream(SAMPLE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static DeviceModel parse(String json) throws IOException {
        return ModelCatalog.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "broken.json");
    }
}
