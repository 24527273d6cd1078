package dev.hearth.driver.api.model.miot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.driver.api.model.Access;
import dev.hearth.driver.api.model.DataClass;
import dev.hearth.driver.api.model.PropertySpec;
import dev.hearth.driver.api.model.Range;
import dev.hearth.driver.api.model.ValueType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Generated spec documents (seeded, so a failure repeats) read back as exactly what they declare. */
class MiotSpecRoundTripTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] FORMATS = {"bool", "uint8", "uint16", "uint32", "int8", "int16", "int32", "int64", "float", "string", "hex"};
    private static final String[] ACCESS = {"read", "write", "notify"};

    private final PrivacyClassTable table = PrivacyClassTable.standard();
    private final MiotSpecReader reader = new MiotSpecReader(table);
    private final List<String> standardNames = new ArrayList<>(table.properties().keySet());
    private final List<String> serviceNames = List.of("fan", "light", "device-information", "map", "switch", "environment");

    /** What the generator declared for one property. */
    private record Expected(ValueType type, Set<Access> access, Optional<Range> range, boolean vendor, String service, String name,
                            int choices) { }

    @Test
    void everyGeneratedSpecReadsBackAsItsDeclarations() throws Exception {
        for (long seed = 1; seed <= 300; seed++) roundTrip(seed);
    }

    private void roundTrip(long seed) throws Exception {
        {
            Random rnd = new Random(seed);
            Map<String, Expected> expected = new java.util.LinkedHashMap<>();
            ObjectNode doc = generate(rnd, expected);

            SpecReading r = reader.read(JSON.writeValueAsBytes(doc), "gen.model.m" + seed);

            assertThat(r).as("seed %d", seed).isInstanceOf(SpecReading.Accepted.class);
            SpecReading.Accepted a = (SpecReading.Accepted) r;
            assertThat(a.problems()).as("seed %d", seed).isEmpty();
            Set<String> unclassified = new HashSet<>();
            a.unclassified().forEach(u -> unclassified.add(u.key()));
            expected.forEach((key, e) -> {
                Optional<DataClass> c = e.vendor() ? Optional.empty()
                        : table.classOf(SpecUrn.parse("urn:miot-spec-v2:service:" + e.service() + ":00007801:g:1").orElseThrow(),
                        SpecUrn.parse("urn:miot-spec-v2:property:" + e.name() + ":00000001:g:1").orElseThrow());
                if (c.isEmpty()) {
                    assertThat(unclassified).as("seed %d key %s", seed, key).contains(key);
                    assertThat(a.model().property(key)).isEmpty();
                    return;
                }
                PropertySpec p = a.model().property(key).orElseThrow().property();
                assertThat(p.type()).as("seed %d key %s", seed, key).isEqualTo(e.type());
                assertThat(p.access()).isEqualTo(e.access());
                assertThat(p.dataClass()).isEqualTo(c.get());
                assertThat(p.name()).isEqualTo(e.name());
                if (e.range().isPresent()) assertThat(p.range()).as("seed %d key %s", seed, key).isEqualTo(e.range());
                assertThat(a.model().valueList(key)).hasSize(e.choices());
            });
            assertThat(a.model().properties().size() + unclassified.size()).isEqualTo(expected.size());
        }
    }

    private ObjectNode generate(Random rnd, Map<String, Expected> expected) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("type", "urn:miot-spec-v2:device:fan:0000A005:gen-m1:1");
        if (rnd.nextBoolean()) doc.put("description", "Generated");
        ArrayNode services = doc.putArray("services");
        int serviceCount = 1 + rnd.nextInt(5);
        for (int s = 1; s <= serviceCount; s++) {
            String serviceName = serviceNames.get(rnd.nextInt(serviceNames.size()));
            ObjectNode service = services.addObject().put("iid", s)
                    .put("type", "urn:miot-spec-v2:service:" + serviceName + ":00007801:gen-m1:1");
            ArrayNode props = service.putArray("properties");
            int propCount = rnd.nextInt(8);
            List<Integer> piids = new ArrayList<>();
            for (int p = 1; p <= propCount; p++) {
                boolean vendor = rnd.nextInt(5) == 0;
                String name = vendor ? "vendor-thing" : standardNames.get(rnd.nextInt(standardNames.size()));
                String format = FORMATS[rnd.nextInt(FORMATS.length)];
                ObjectNode prop = props.addObject().put("iid", p)
                        .put("type", (vendor ? "urn:gen-spec:property:" : "urn:miot-spec-v2:property:") + name + ":00000001:gen-m1:1")
                        .put("format", format);
                if (rnd.nextBoolean()) prop.put("description", "d" + p);
                Set<Access> access = EnumSet.noneOf(Access.class);
                ArrayNode acc = prop.putArray("access");
                for (String x : ACCESS) {
                    if (rnd.nextBoolean()) {
                        acc.add(x);
                        access.add(Access.valueOf(x.toUpperCase(java.util.Locale.ROOT)));
                    }
                }
                ValueType type = switch (format) {
                    case "bool" -> ValueType.BOOL;
                    case "float" -> ValueType.FLOAT;
                    case "string", "hex" -> ValueType.STRING;
                    default -> ValueType.INT;
                };
                Optional<Range> range = Optional.empty();
                int choices = 0;
                if (type == ValueType.INT && rnd.nextBoolean()) {
                    ArrayNode list = prop.putArray("value-list");
                    choices = 1 + rnd.nextInt(5);
                    for (int v = 0; v < choices; v++) list.addObject().put("value", v * 2).put("description", "v" + v);
                    range = Optional.of(new Range(0, (choices - 1) * 2, 0));
                } else if ((type == ValueType.INT || type == ValueType.FLOAT) && rnd.nextBoolean()) {
                    int min = rnd.nextInt(50);
                    int max = min + rnd.nextInt(100);
                    prop.putArray("value-range").add(min).add(max).add(1);
                    range = Optional.of(new Range(min, max, 1));
                }
                if (rnd.nextBoolean()) prop.put("unit", rnd.nextBoolean() ? "none" : "percentage");
                expected.put(s + "." + p, new Expected(type, access, range, vendor, serviceName, name, choices));
                piids.add(p);
            }
            if (!piids.isEmpty() && rnd.nextBoolean()) {
                ObjectNode action = service.putArray("actions").addObject().put("iid", 1)
                        .put("type", "urn:miot-spec-v2:action:toggle:00002811:gen-m1:1");
                action.putArray("in").add(piids.get(rnd.nextInt(piids.size())));
                action.putArray("out");
            }
        }
        return doc;
    }
}
