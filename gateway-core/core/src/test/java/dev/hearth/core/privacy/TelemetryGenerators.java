package dev.hearth.core.privacy;

import dev.hearth.driver.api.DeviceEvent;
import dev.hearth.driver.api.model.DeviceModel;
import dev.hearth.driver.api.value.Value;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik generators of device records with personal data planted in them: at random depths in
 * structs and arrays, inside free text, in declared PERSONAL and SECRET fields and under
 * person-ish keys. Public and static so the cloud bridge's end-to-end tests can reuse them.
 *
 * <p>Clean values come from a vocabulary that shares no 6-character run with any planted value,
 * so a test can assert that no 6-character run of a planted value reaches the output.
 */
public final class TelemetryGenerators {

    /** A personal (or secret) value as the device would write it. */
    public record Planted(PiiCategory category, String text) {
    }

    /** One generated record, and every planted value in it. */
    public record Scenario(String deviceId, Optional<DeviceModel> model, DeviceEvent event, List<Planted> planted,
                           Map<String, Value> declaredTelemetry) {
    }

    private static final List<String> NEUTRAL_KEYS = List.of("extra", "data", "cfg", "payload", "note", "info", "blob",
            "raw", "misc", "state_ext", "x7", "aux");
    private static final List<String> PERSON_KEYS = List.of("owner", "nickname", "userName", "shouji", "姓名", "dizhi",
            "contact", "real_name");
    private static final List<String> CLEAN_WORDS = List.of("auto", "sleep", "cool", "heat", "eco", "off", "on", "quiet",
            "turbo", "idle");
    private static final List<String> TEMPLATES = List.of("%s", "call %s after 6pm", "联系 %s 谢谢", "note: %s;", "[%s]",
            "seen %s twice");

    private TelemetryGenerators() {
    }

    public static Arbitrary<Planted> personalValues() {
        return Arbitraries.oneOf(phones(), emails(), ipv4s(), ipv6s(), macs(), residentIds(), cards(), coordinates());
    }

    static Arbitrary<String> digits(int n) {
        return Arbitraries.strings().numeric().ofLength(n);
    }

    static Arbitrary<Planted> phones() {
        return Combinators.combine(Arbitraries.integers().between(3, 9), digits(9), Arbitraries.integers().between(0, 3))
                .as((second, rest, form) -> {
                    String m = "1" + second + rest;
                    String text = switch (form) {
                        case 0 -> m;
                        case 1 -> m.substring(0, 3) + " " + m.substring(3, 7) + " " + m.substring(7);
                        case 2 -> "+86 " + m;
                        default -> m.substring(0, 3) + "-" + m.substring(3, 7) + "-" + m.substring(7);
                    };
                    return new Planted(PiiCategory.PHONE, text);
                });
    }

    static Arbitrary<Planted> emails() {
        return Combinators.combine(Arbitraries.strings().withCharRange('a', 'z').ofMinLength(3).ofMaxLength(10),
                        Arbitraries.of("qq.com", "163.com", "mailbox.cn", "example.org"))
                .as((local, domain) -> new Planted(PiiCategory.EMAIL, local + "@" + domain));
    }

    static Arbitrary<Planted> ipv4s() {
        Arbitrary<Integer> octet = Arbitraries.integers().between(0, 255);
        return Combinators.combine(Arbitraries.integers().between(1, 223), octet, octet, Arbitraries.integers().between(1, 254))
                .as((a, b, c, d) -> new Planted(PiiCategory.IPV4, a + "." + b + "." + c + "." + d));
    }

    static Arbitrary<Planted> ipv6s() {
        Arbitrary<Integer> group = Arbitraries.integers().between(1, 0xffff);
        return Combinators.combine(group, group, group, group, Arbitraries.of(true, false))
                .as((a, b, c, d, compressed) -> new Planted(PiiCategory.IPV6, compressed
                        ? String.format("2001:db8:%x:%x::%x", a, b, c)
                        : String.format("2408:%x:%x:%x:%x:1:2:%x", a, b, c, d, a)));
    }

    static Arbitrary<Planted> macs() {
        return Combinators.combine(Arbitraries.integers().between(0, 0xffffff), Arbitraries.integers().between(0, 0xffffff),
                        Arbitraries.of(":", "-"))
                .as((hi, lo, sep) -> {
                    String h = String.format("%06x%06x", hi, lo);
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < 12; i += 2) {
                        if (i > 0) sb.append(sep);
                        sb.append(h, i, i + 2);
                    }
                    return new Planted(PiiCategory.MAC, sb.toString());
                });
    }

    static Arbitrary<Planted> residentIds() {
        return Combinators.combine(Arbitraries.of("110105", "310104", "440305", "510107"), Arbitraries.integers().between(1930, 2015),
                        Arbitraries.integers().between(1, 12), Arbitraries.integers().between(1, 28), digits(3))
                .as((area, y, m, d, seq) -> {
                    String body = String.format("%s%04d%02d%02d%s", area, y, m, d, seq);
                    return new Planted(PiiCategory.CN_RESIDENT_ID, body + Checksums.residentIdCheck(body));
                });
    }

    static Arbitrary<Planted> cards() {
        return Combinators.combine(Arbitraries.of("6222", "6217", "4", "5"), digits(14))
                .as((prefix, rest) -> {
                    String body = (prefix + rest).substring(0, 15);
                    for (char c = '0'; c <= '9'; c++) {
                        if (Checksums.luhn(body + c) && !Checksums.allSame(body + c)) {
                            return new Planted(PiiCategory.BANK_CARD, body + c);
                        }
                    }
                    throw new IllegalStateException("no Luhn digit for " + body);
                });
    }

    static Arbitrary<Planted> coordinates() {
        return Combinators.combine(Arbitraries.integers().between(18_0000, 53_0000), Arbitraries.integers().between(73_0000, 135_0000))
                .as((lat, lng) -> new Planted(PiiCategory.COORDINATES,
                        String.format("%d.%04d,%d.%04d", lat / 10000, lat % 10000, lng / 10000, lng % 10000)));
    }

    /** A secret-shaped miIO token. */
    static Arbitrary<Planted> tokens() {
        return Arbitraries.strings().withChars("0123456789abcdef").ofLength(32).map(t -> new Planted(PiiCategory.SECRET, t));
    }

    /** A name that only a person-ish key gives away. */
    static Arbitrary<Planted> names() {
        return Arbitraries.strings().withCharRange('a', 'z').ofLength(9).map(s -> new Planted(PiiCategory.PERSON_KEY,
                Character.toUpperCase(s.charAt(0)) + s.substring(1)));
    }

    static Arbitrary<Value> cleanValues() {
        return Arbitraries.oneOf(Arbitraries.of(CLEAN_WORDS).map(Value::of), Arbitraries.integers().between(-100, 1000).map(i -> Value.of(i)),
                // quarter steps: their IEEE 754 bytes are mostly zero, so a double on the wire cannot
                // read like a run of planted text (0.7 is 66 66 66 66 66 66 e6 3f: "ffffff")
                Arbitraries.integers().between(0, 400).map(i -> Value.of(i / 4.0)), Arbitraries.of(true, false).map(Value::of));
    }

    /** How a planted value is wrapped: a sentence template, as a number if it can be, and 0-4 levels of nesting. */
    public record Wrapping(String template, boolean asNumber, List<Integer> shape, String key, Value sibling) {

        /** {@code p} inside a value, wrapped this way. */
        public Value around(Planted p) {
            Value v = asNumber && p.text().matches("[1-9][0-9]{10,17}")
                    ? Value.of(Long.parseLong(p.text())) : Value.of(String.format(template, p.text()));
            for (int w : shape) {
                if (w == 0) {
                    Map<String, Value> m = new LinkedHashMap<>();
                    m.put("level", sibling);
                    m.put(key, v);
                    v = new Value.Struct(m);
                } else {
                    v = new Value.Array(List.of(sibling, v));
                }
            }
            return v;
        }
    }

    public static Arbitrary<Wrapping> wrappings() {
        return Combinators.combine(Arbitraries.of(TEMPLATES), Arbitraries.of(true, false),
                        Arbitraries.integers().between(0, 1).list().ofMaxSize(4), Arbitraries.of(NEUTRAL_KEYS), cleanValues())
                .as(Wrapping::new);
    }

    /** Where a planted value goes: 0 an undeclared neutral key (wrapped), 1 a declared PERSONAL lamp property. */
    record Placement(int where, String neutralKey, String personKey, String declaredKey, String secretKey, Wrapping wrapping) {

        Map.Entry<String, Value> field(Planted p, boolean lamp) {
            return switch (p.category()) {
                case PERSON_KEY -> Map.entry(personKey, Value.of(p.text()));
                case SECRET -> Map.entry(secretKey, Value.of(p.text()));
                default -> lamp && where == 1 ? Map.entry(declaredKey, Value.of(p.text()))
                        : Map.entry(neutralKey, wrapping.around(p));
            };
        }
    }

    static Arbitrary<Placement> placements() {
        return Combinators.combine(Arbitraries.integers().between(0, 1), Arbitraries.of(NEUTRAL_KEYS), Arbitraries.of(PERSON_KEYS),
                        Arbitraries.of("4.1", "4.2"), Arbitraries.of("5.1", "token", "extra"), wrappings())
                .as(Placement::new);
    }

    static Arbitrary<Planted> anyPlanted() {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, personalValues()), net.jqwik.api.Tuple.of(1, tokens()),
                net.jqwik.api.Tuple.of(1, names()));
    }

    record PlantedField(Planted planted, Placement placement) {
    }

    /** Random records of a known lamp, a known lock's unlock event, or an unknown device, each with 1-4 planted values. */
    public static Arbitrary<Scenario> scenarios() {
        Arbitrary<Instant> at = Arbitraries.longs().between(1_600_000_000_000L, 1_900_000_000_000L).map(Instant::ofEpochMilli);
        Arbitrary<List<PlantedField>> planted = Combinators.combine(anyPlanted(), placements()).as(PlantedField::new)
                .list().ofMinSize(1).ofMaxSize(4);
        return Combinators.combine(Arbitraries.integers().between(0, 2), planted,
                        Arbitraries.integers().between(0, 100), Arbitraries.of(CLEAN_WORDS), at,
                        Arbitraries.integers().between(1, 99))
                .as((kind, fields, brightness, mode, when, dev) -> {
                    boolean lamp = kind == 0;
                    Map<String, Value> telemetry = new LinkedHashMap<>();
                    Map<String, Value> values = new LinkedHashMap<>();
                    if (lamp) {
                        telemetry.put("2.1", Value.of(brightness % 2 == 0));
                        telemetry.put("2.2", Value.of(brightness));
                    }
                    values.putAll(telemetry);
                    values.put("mode", Value.of(mode));
                    List<Planted> plantedValues = new ArrayList<>();
                    int i = 0;
                    for (PlantedField f : fields) {
                        Map.Entry<String, Value> e = f.placement().field(f.planted(), lamp);
                        String key = values.containsKey(e.getKey()) ? e.getKey() + "_" + i : e.getKey();
                        values.put(key, e.getValue());
                        plantedValues.add(f.planted());
                        i++;
                    }
                    String device = String.format("dev-%02d", dev);
                    if (kind == 1) {
                        values.put("user", Value.of(plantedValues.get(0).text()));
                        values.put("method", Value.of(2));
                        return new Scenario(device, Optional.of(PrivacyFixtures.lock()),
                                new DeviceEvent.EventTriggered("2.1", values, when), plantedValues, Map.of());
                    }
                    Optional<DeviceModel> model = lamp ? Optional.of(PrivacyFixtures.lamp()) : Optional.empty();
                    return new Scenario(device, model, new DeviceEvent.StateReported(values, when), plantedValues, telemetry);
                });
    }

}
