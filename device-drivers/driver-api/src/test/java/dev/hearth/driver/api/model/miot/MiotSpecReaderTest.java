package dev.hearth.driver.api.model.miot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.driver.api.model.Access;
import dev.hearth.driver.api.model.DataClass;
import dev.hearth.driver.api.model.DeviceModel;
import dev.hearth.driver.api.model.PropertySpec;
import dev.hearth.driver.api.model.Range;
import dev.hearth.driver.api.model.ValueType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class MiotSpecReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final MiotSpecReader reader = new MiotSpecReader(PrivacyClassTable.standard());

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = MiotSpecReaderTest.class.getClassLoader().getResourceAsStream("miot-specs/" + name)) {
            return in.readAllBytes();
        }
    }

    private SpecReading.Accepted accepted(byte[] doc) {
        SpecReading r = reader.read(doc, "test.model.x");
        assertThat(r).isInstanceOf(SpecReading.Accepted.class);
        return (SpecReading.Accepted) r;
    }

    private byte[] mutated(Consumer<ObjectNode> change) throws IOException {
        ObjectNode doc = (ObjectNode) JSON.readTree(fixture("dmaker.fan.p11.json"));
        change.accept(doc);
        return JSON.writeValueAsBytes(doc);
    }

    private static ObjectNode service(ObjectNode doc, int index) {
        return (ObjectNode) doc.withArray("services").get(index);
    }

    private static ObjectNode property(ObjectNode doc, int service, int index) {
        return (ObjectNode) service(doc, service).withArray("properties").get(index);
    }

    @Test
    void readsTheDmakerP11FanSpecWithoutProblemsAndLeavesItsVendorPropertyUnclassified() throws IOException {
        SpecReading.Accepted r = accepted(fixture("dmaker.fan.p11.json"));

        assertThat(r.problems()).isEmpty();
        // dmaker declares its own off-delay-time (urn:dmaker-spec:...): nobody reviewed what it means
        assertThat(r.unclassified()).extracting(u -> u.key() + " " + u.type().namespace()).containsExactly("3.1 dmaker-spec");
        assertThat(r.model().property("3.1")).isEmpty();
        assertThat(r.type().text()).isEqualTo("urn:miot-spec-v2:device:fan:0000A005:dmaker-p11:1");
        DeviceModel m = r.model();
        assertThat(m.model()).isEqualTo("test.model.x");
        assertThat(m.protocol()).isEqualTo("miio");
        assertThat(m.option("miio.api")).contains("miot");
        assertThat(m.properties()).hasSize(15);
        PropertySpec on = m.property("2.1").orElseThrow().property();
        assertThat(on.name()).isEqualTo("on");
        assertThat(on.type()).isEqualTo(ValueType.BOOL);
        assertThat(on.access()).isEqualTo(Set.of(Access.READ, Access.WRITE, Access.NOTIFY));
        assertThat(on.dataClass()).isEqualTo(DataClass.TELEMETRY);
        assertThat(m.property("1.3").orElseThrow().property().dataClass()).isEqualTo(DataClass.DIAGNOSTIC);
        assertThat(m.property("2.6").orElseThrow().property().range()).contains(new Range(1, 100, 1));
        assertThat(r.valueLists().get("2.3")).extracting(dev.hearth.driver.api.model.ValueChoice::value).containsExactly(0L, 1L);
        // the validator checks ranges: a value list bounds the value by its extremes
        assertThat(m.property("2.5").orElseThrow().property().range()).contains(new Range(30, 140, 0));
        // fault lists only "No faults": any other code is out of range, so refused
        assertThat(m.property("6.2").orElseThrow().property().range()).contains(new Range(0, 0, 0));
        assertThat(m.action("3.1").orElseThrow().action().name()).isEqualTo("toggle");
    }

    @Test
    void leavesEveryVendorNamespacePropertyOfTheThermostatOutOfTheModel() throws IOException {
        SpecReading.Accepted r = accepted(fixture("cnhdm.airrtc.wkq01.json"));

        assertThat(r.unclassified()).isNotEmpty();
        assertThat(r.unclassified()).allSatisfy(u -> assertThat(u.type().namespace()).isEqualTo("cnhdm-spec"));
        assertThat(r.unclassified()).allSatisfy(u -> assertThat(r.model().property(u.key())).isEmpty());
        assertThat(r.model().property("2.5").orElseThrow().property().name()).isEqualTo("target-temperature");
        assertThat(r.model().property("3.1").orElseThrow().property().dataClass()).isEqualTo(DataClass.TELEMETRY);
        assertThat(r.problems()).isEmpty();
    }

    @Test
    void aPropertyWithAnUnknownFormatIsLeftOutWithItsPath() throws IOException {
        SpecReading.Accepted r = accepted(mutated(d -> property(d, 1, 1).put("format", "uint128")));

        assertThat(r.problems()).containsExactly(new SpecProblem("$.services[1].properties[1].format", "unknown format 'uint128'"));
        assertThat(r.model().property("2.2")).isEmpty();
        assertThat(r.model().property("2.1")).isPresent();
    }

    @Test
    void aDuplicatePropertyIidKeepsTheFirstAndNamesTheSecond() throws IOException {
        SpecReading.Accepted r = accepted(mutated(d -> property(d, 1, 1).put("iid", 1)));

        assertThat(r.problems()).containsExactly(
                new SpecProblem("$.services[1].properties[1].iid", "property iid 1 is listed twice in this service"));
        assertThat(r.model().property("2.1").orElseThrow().property().name()).isEqualTo("on");
    }

    @Test
    void aDuplicateServiceIidLeavesTheSecondServiceOut() throws IOException {
        SpecReading.Accepted r = accepted(mutated(d -> service(d, 2).put("iid", 2)));

        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("$.services[2].iid");
            assertThat(p.message()).contains("already used by $.services[1]");
        });
        assertThat(r.model().property("2.1").orElseThrow().property().name()).isEqualTo("on");
    }

    @Test
    void missingAndWronglyTypedIidsArePathPreciseProblems() throws IOException {
        SpecReading.Accepted r = accepted(mutated(d -> {
            property(d, 0, 0).remove("iid");
            property(d, 0, 1).put("iid", "two");
            property(d, 0, 2).put("iid", -3);
            property(d, 0, 3).put("iid", 1.5);
        }));

        assertThat(r.problems()).extracting(SpecProblem::path).containsExactly(
                "$.services[0].properties[0].iid", "$.services[0].properties[1].iid",
                "$.services[0].properties[2].iid", "$.services[0].properties[3].iid");
        assertThat(r.model().services().get(0).properties()).isEmpty();
    }

    @Test
    void wrongTypesInsideAPropertyAreProblemsNotExceptions() throws IOException {
        SpecReading.Accepted r = accepted(mutated(d -> {
            property(d, 1, 0).put("access", "read");
            property(d, 1, 1).putArray("access").add("read").add("execute");
            property(d, 1, 2).putArray("value-list").addObject().put("value", "zero");
            property(d, 1, 3).put("type", "on");
            property(d, 1, 5).putArray("value-range").add(100).add(1);
        }));

        assertThat(r.problems()).containsExactly(
                new SpecProblem("$.services[1].properties[0].access", "access must be a list"),
                new SpecProblem("$.services[1].properties[1].access[1]", "not one of read, write, notify"),
                new SpecProblem("$.services[1].properties[2].value-list[0].value", "not an integer"),
                new SpecProblem("$.services[1].properties[3].type", "'on' is not a spec URN"),
                new SpecProblem("$.services[1].properties[5].value-range", "min 100.0 is greater than max 1.0"));
        assertThat(r.model().services().get(1).properties()).extracting(PropertySpec::piid).containsExactly(5);
    }

    @Test
    void anActionNamingAPropertyTheServiceLacksIsLeftOut() throws IOException {
        SpecReading.Accepted r = accepted(mutated(d -> ((ObjectNode) service(d, 6).withArray("actions").get(0)).putArray("in").add(9)));

        assertThat(r.problems()).containsExactly(new SpecProblem("$.services[6].actions[0].in[0]",
                "names property 9, which this service does not declare"));
        assertThat(r.model().action("3.1")).isEmpty();
    }

    @Test
    void anEventWithAnUnclassifiedArgumentStaysUndeclared() throws IOException {
        SpecReading.Accepted r = accepted(mutated(d -> {
            ObjectNode s = service(d, 1);
            s.withArray("properties").addObject().put("iid", 20)
                    .put("type", "urn:dmaker-spec:property:operator:00000001:dmaker-p11:1").put("format", "string")
                    .putArray("access").add("notify");
            ObjectNode e = s.putArray("events").addObject();
            e.put("iid", 1).put("type", "urn:miot-spec-v2:event:opened:00005001:dmaker-p11:1");
            e.putArray("arguments").add(1).add(20);
        }));

        assertThat(r.model().event("2.1")).isEmpty();
        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.path()).isEqualTo("$.services[1].events[0].arguments[1]"));
        assertThat(r.unclassified()).extracting(SpecReading.Unclassified::key).containsExactly("2.20", "3.1");
    }

    @Test
    void anEventWhoseArgumentsAreClassifiedCarriesTheirClasses() throws IOException {
        SpecReading.Accepted r = accepted(mutated(d -> {
            ObjectNode e = service(d, 1).putArray("events").addObject();
            e.put("iid", 1).put("type", "urn:miot-spec-v2:event:fault:00005001:dmaker-p11:1");
            e.putArray("arguments").add(1).add(6);
        }));

        assertThat(r.model().event("2.1").orElseThrow().event().args())
                .extracting(a -> a.name() + ":" + a.dataClass()).containsExactly("on:TELEMETRY", "status:TELEMETRY");
    }

    @Test
    void documentsThatAreNotSpecsAreRejectedWithAReason() throws IOException {
        assertThat(reader.read("".getBytes(StandardCharsets.UTF_8), "m")).isInstanceOf(SpecReading.Rejected.class);
        assertThat(problems("{\"type\": ")).singleElement().satisfies(p -> assertThat(p.message()).startsWith("not a JSON document"));
        assertThat(problems("[1, 2]")).containsExactly(new SpecProblem("$", "a spec document must be a JSON object"));
        assertThat(problems("{\"services\": []}")).containsExactly(new SpecProblem("$.type", "missing device type URN"));
        assertThat(problems("{\"type\": \"urn:miot-spec-v2:service:fan:00007808:dmaker-p11:1\", \"services\": []}"))
                .containsExactly(new SpecProblem("$.type", "expected a device URN, got a service one"));
        assertThat(problems("{\"type\": \"urn:miot-spec-v2:device:fan:0000A005:dmaker-p11:1\", \"services\": {}}"))
                .containsExactly(new SpecProblem("$.services", "a spec document must list its services"));
        assertThat(reader.read(fixture("dmaker.fan.p11.json"), " ")).isInstanceOf(SpecReading.Rejected.class);
    }

    @Test
    void aTenMegabyteDocumentIsRejectedBeforeItIsParsed() {
        byte[] big = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        big[0] = '{';
        big[big.length - 1] = '}';

        assertThat(problems(big)).singleElement().satisfies(p -> assertThat(p.message()).contains("more than the limit"));
    }

    @Test
    void deepNestingIsRejectedNotAStackOverflow() {
        String deep = "{\"type\": \"urn:miot-spec-v2:device:fan:0000A005:x:1\", \"services\": "
                + "[".repeat(100_000) + "]".repeat(100_000) + "}";

        assertThat(problems(deep)).singleElement().satisfies(p -> assertThat(p.message()).startsWith("not a JSON document"));
    }

    @Test
    void aDocumentWithThousandsOfBadElementsListsABoundedNumberOfProblems() throws IOException {
        byte[] doc = mutated(d -> {
            ArrayNode props = service(d, 1).withArray("properties");
            for (int i = 0; i < 5_000; i++) props.addObject().put("iid", "x");
        });

        SpecReading.Accepted r = accepted(doc);

        assertThat(r.problems()).hasSize(201);
        assertThat(r.problems().get(200).message()).isEqualTo("4800 more problems not listed");
    }

    private List<SpecProblem> problems(String doc) {
        return problems(doc.getBytes(StandardCharsets.UTF_8));
    }

    private List<SpecProblem> problems(byte[] doc) {
        SpecReading r = reader.read(doc, "m");
        assertThat(r).isInstanceOf(SpecReading.Rejected.class);
        return r.problems();
    }
}
