package dev.hearth.driver.miio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.driver.api.DeviceCommand;
import dev.hearth.driver.api.model.DeviceModel;
import dev.hearth.driver.api.model.ModelCatalog;
import dev.hearth.driver.api.model.miot.MiotSpecReader;
import dev.hearth.driver.api.model.miot.PrivacyClassTable;
import dev.hearth.driver.api.model.miot.SpecCatalog;
import dev.hearth.driver.api.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The spec documents this driver bundles read cleanly, and the driver talks MIoT to the models they give. */
class BundledSpecsTest {

    private final List<SpecCatalog.Refusal> refused = new ArrayList<>();
    private final SpecCatalog specs = SpecCatalog.load(getClass().getClassLoader(), Optional.empty(),
            new MiotSpecReader(PrivacyClassTable.standard()), refused::add);

    @Test
    void everyBundledDocumentReadsWithoutAProblem() {
        assertThat(refused).isEmpty();
        assertThat(specs.all()).extracting(SpecCatalog.Entry::model)
                .containsExactlyInAnyOrder("dmaker.fan.p9", "dmaker.fan.p10", "dmaker.fan.p11", "yeelink.light.bslamp1");
        assertThat(specs.all()).allSatisfy(e -> {
            assertThat(e.source()).isEqualTo(SpecCatalog.Source.BUNDLED);
            assertThat(e.reading().problems()).isEmpty();
            assertThat(e.reading().model().protocol()).isEqualTo("miio");
            assertThat(e.reading().type().kind()).isEqualTo("device");
        });
    }

    @Test
    void theBedsideLampsDeviceNameIsPersonalAndItsLightTelemetry() {
        DeviceModel lamp = specs.find("yeelink.light.bslamp1").orElseThrow().reading().model();

        assertThat(lamp.property("1.4").orElseThrow().property().dataClass()).isEqualTo(dev.hearth.driver.api.model.DataClass.PERSONAL);
        assertThat(lamp.property("2.2").orElseThrow().property().range()).contains(new dev.hearth.driver.api.model.Range(0, 100, 1));
        assertThat(lamp.property("2.3").orElseThrow().property().dataClass()).isEqualTo(dev.hearth.driver.api.model.DataClass.TELEMETRY);
    }

    @Test
    void bundledSpecsJoinTheHandWrittenModelsWithoutReplacingThem() {
        ModelCatalog handwritten = ModelCatalog.fromClasspath(getClass().getClassLoader());

        ModelCatalog all = specs.over(handwritten);

        assertThat(all.find("dmaker.fan.p9")).isPresent();
        assertThat(all.find("zhimi.fan.sa1")).containsSame(handwritten.find("zhimi.fan.sa1").orElseThrow());
    }

    @Test
    void theDriverPollsEveryReadablePropertyOfASpecModelWithGetProperties() {
        DeviceModel p9 = specs.find("dmaker.fan.p9").orElseThrow().reading().model();

        List<MiioApi.Poll> polls = MiioApi.forModel(p9, 42, 16).polls();

        List<String> asked = new ArrayList<>();
        for (MiioApi.Poll poll : polls) {
            assertThat(poll.call().method()).isEqualTo("get_properties");
            for (JsonNode p : poll.call().params()) asked.add(p.get("siid").asInt() + "." + p.get("piid").asInt());
        }
        assertThat(asked).contains("1.1", "1.4", "2.1", "2.11", "3.1")
                // motor-control is write-only in the spec
                .doesNotContain("2.10");
        assertThat(StreamSupport.stream(polls.get(0).call().params().spliterator(), false))
                .allSatisfy(p -> assertThat(p.get("did").asText()).isEqualTo("42"));
    }

    @Test
    void aSetAndAnActionOnASpecModelBecomeMiotCalls() throws Exception {
        DeviceModel p9 = specs.find("dmaker.fan.p9").orElseThrow().reading().model();
        MiioApi api = MiioApi.forModel(p9, 42, 16);

        RpcCall set = api.plan(new DeviceCommand.SetProperties(Map.of("2.11", Value.of(30L)))).get(0);
        RpcCall toggle = api.plan(new DeviceCommand.InvokeAction("2.1", List.of())).get(0);

        assertThat(set.method()).isEqualTo("set_properties");
        assertThat(set.params().get(0).get("value").asLong()).isEqualTo(30);
        assertThat(toggle.method()).isEqualTo("action");
        assertThat(toggle.params().get("aiid").asInt()).isEqualTo(1);
    }
}
