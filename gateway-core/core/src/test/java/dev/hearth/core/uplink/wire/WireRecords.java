package dev.hearth.core.uplink.wire;

import dev.hearth.core.uplink.wire.PlantedValues.Category;
import dev.hearth.driver.api.model.ArgSpec;
import dev.hearth.driver.api.model.DataClass;
import dev.hearth.driver.api.model.DeviceModel;
import dev.hearth.driver.api.model.EventSpec;
import dev.hearth.driver.api.model.PropertySpec;
import dev.hearth.driver.api.model.ServiceSpec;
import dev.hearth.driver.api.model.ValueType;
import dev.hearth.driver.api.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Random reports of one device of one shipped model: every PERSONAL or SECRET property (and event
 * argument) the model declares, when present, arrives in a random type and shape (the declared one,
 * int, float, string of digits, list, nested object, JSON in a string), unknown fields carry planted
 * personal values in random shapes beside harmless siblings, and one declared TELEMETRY number (the
 * beat) changes with every report, so each report makes one telemetry message.
 */
final class WireRecords {
    /** A planted value: where it was put and the texts that must not reach the wire. */
    record Planted(String device, String model, String field, boolean declared, Category category, String shape,
                   List<String> needles) { }

    /** One report for the feed: a JSON line's content, and what was planted in it. */
    record Report(String device, boolean event, String eventKey, Map<String, Value> fields, List<Planted> planted) { }

    /** Keys unknown to every model; a closed set, so the registry's copy of a device's state stays small. */
    static final List<String> UNKNOWN_KEYS = List.of("note", "contact", "val", "data", "p1", "extra", "info", "owner",
            "wifi", "net", "pos", "loc", "point", "path", "user_info", "operator", "account", "phone", "mail",
            "ip-address", "mac-address", "cfg", "x", "meta", "log", "history");
    static final List<String> ENUMS = List.of("auto", "idle", "on", "off", "eco", "fingerprint", "nfc", "app");
    static final List<String> HARMLESS_KEYS = List.of("n", "mode", "level", "ok", "temp");

    private final Random r;
    private final DeviceModel model;
    private final String device;
    private final List<Category> unknownCategories;
    private final Function<String, Boolean> clean;
    private final List<PropertySpecRef> sensitive = new ArrayList<>();
    private final List<PropertySpecRef> telemetry = new ArrayList<>();
    private final List<EventRef> events = new ArrayList<>();
    private final PropertySpecRef beat;
    private int seq;

    private record PropertySpecRef(String key, PropertySpec spec) { }

    private record EventRef(String key, EventSpec spec) { }

    /**
     * @param clean whether a candidate needle shares no 6-byte piece with anything the gateway sends
     *              legitimately (keys, ids, names): planted values that fail it are drawn again
     */
    WireRecords(Random r, DeviceModel model, String device, List<Category> unknownCategories, Function<String, Boolean> clean) {
        this.r = r;
        this.model = model;
        this.device = device;
        this.unknownCategories = List.copyOf(unknownCategories);
        this.clean = clean;
        for (ServiceSpec s : model.services()) {
            for (PropertySpec p : s.properties()) {
                PropertySpecRef ref = new PropertySpecRef(s.siid() + "." + p.piid(), p);
                if (p.dataClass() == DataClass.PERSONAL || p.dataClass() == DataClass.SECRET) sensitive.add(ref);
                if (p.dataClass() == DataClass.TELEMETRY) telemetry.add(ref);
            }
            for (EventSpec e : s.events()) events.add(new EventRef(s.siid() + "." + e.eiid(), e));
        }
        this.beat = telemetry.stream().filter(p -> p.spec().type() == ValueType.INT || p.spec().type() == ValueType.FLOAT)
                .findFirst().orElseThrow(() -> new IllegalArgumentException(model.model() + " has no numeric telemetry property"));
    }

    String beatKey() {
        return beat.key();
    }

    /** The beat's value in the last report of the run: one no regular report uses. */
    Value sentinel() {
        double lo = low(beat.spec());
        return beat.spec().type() == ValueType.INT ? Value.of((long) lo) : Value.of(lo + 0.25);
    }

    Report sentinelReport() {
        return new Report(device, false, "", Map.of(beat.key(), sentinel()), List.of());
    }

    Report next() {
        seq++;
        List<Planted> planted = new ArrayList<>();
        Map<String, Value> fields = new LinkedHashMap<>();
        if (!events.isEmpty() && r.nextBoolean()) {
            EventRef e = events.get(r.nextInt(events.size()));
            for (ArgSpec a : e.spec().args()) {
                if (a.dataClass() == DataClass.PERSONAL || a.dataClass() == DataClass.SECRET) {
                    fields.put(a.name(), declared("args." + a.name(), a.name(), a.type(), planted));
                } else {
                    fields.put(a.name(), harmlessOf(a.type()));
                }
            }
            unknown(fields, planted, "args.");
            return new Report(device, true, e.key(), fields, planted);
        }
        fields.put(beat.key(), beatValue());
        for (PropertySpecRef p : telemetry) {
            if (p != beat && r.nextInt(3) == 0) fields.put(p.key(), harmlessOf(p.spec()));
        }
        boolean any = false;
        for (PropertySpecRef p : sensitive) {
            if (r.nextInt(10) < 6) {
                fields.put(p.key(), declared("props." + p.key(), p.spec().name(), p.spec().type(), planted));
                any = true;
            }
        }
        if (!any && !sensitive.isEmpty()) {
            PropertySpecRef p = sensitive.get(r.nextInt(sensitive.size()));
            fields.put(p.key(), declared("props." + p.key(), p.spec().name(), p.spec().type(), planted));
        }
        unknown(fields, planted, "props.");
        return new Report(device, false, "", fields, planted);
    }

    // --- declared PERSONAL/SECRET: the class binds, whatever the type and shape ---------------

    private static final String[] DECLARED_SHAPES = {"declared", "int", "float", "digits", "list", "object", "nested", "json-string"};

    private Value declared(String field, String name, ValueType type, List<Planted> planted) {
        Category c = categoryOf(name);
        String shape = DECLARED_SHAPES[r.nextInt(DECLARED_SHAPES.length)];
        for (int attempt = 0; ; attempt++) {
            List<String> needles = new ArrayList<>();
            Value v = declaredValue(c, shape.equals("declared") && type == ValueType.JSON ? "list" : shape, needles);
            if (needles.stream().allMatch(this::usable)) {
                planted.add(new Planted(device, model.model(), field, true, c, shape, List.copyOf(needles)));
                return v;
            }
            if (attempt > 100) throw new IllegalStateException("cannot draw a clean " + c + " for " + field);
        }
    }

    private Value declaredValue(Category c, String shape, List<String> needles) {
        if (c == Category.COORDINATES) {
            double lon = PlantedValues.coordinate(r, 98, 123);
            double lat = PlantedValues.coordinate(r, 21, 45);
            return switch (shape) {
                case "int" -> number(Math.round(lon * 1_000_000), needles);
                case "float" -> real(lon, needles);
                case "digits", "declared" -> text(Double.toString(lat) + "," + Double.toString(lon), needles);
                case "list" -> pair(lon, lat, needles);
                case "object" -> new Value.Struct(ordered("lat", real(lat, needles), "lng", real(lon, needles)));
                case "nested" -> new Value.Struct(ordered("map", new Value.Array(List.of(pair(lon, lat, needles), pair(lat, lon, new ArrayList<>())))));
                default -> text("[" + lon + "," + lat + "]", needles, Double.toString(lon), Double.toString(lat));
            };
        }
        String base = plain(c);
        String digits = base.replaceAll("[^0-9]", "");
        if (digits.length() < 6 || digits.length() > 18) digits = PlantedValues.digits(r, 12).replaceFirst("^0", "7");
        return switch (shape) {
            case "int" -> number(Long.parseLong(digits), needles);
            case "float" -> real(Double.parseDouble(digits.substring(0, Math.min(9, digits.length())) + "." + PlantedValues.digits(r, 2) + "7"), needles);
            case "digits" -> text(digits, needles);
            case "list" -> new Value.Array(List.of(text(base, needles), Value.of((long) r.nextInt(100))));
            case "object" -> new Value.Struct(ordered("value", text(base, needles), "n", Value.of((long) r.nextInt(100))));
            case "nested" -> new Value.Struct(ordered("a", new Value.Struct(ordered("b", new Value.Array(List.of(text(base, needles)))))));
            case "json-string" -> text("{\"value\":\"" + base + "\"}", needles, base);
            default -> text(base, needles);
        };
    }

    private static Category categoryOf(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.contains("ssid") && !n.contains("bssid")) return Category.SSID;
        if (n.contains("bssid") || n.contains("mac")) return Category.MAC;
        if (n.equals("ip") || n.contains("ip-") || n.contains("_ip")) return Category.IPV4;
        if (n.contains("token") || n.contains("key") || n.contains("password")) return Category.TOKEN;
        if (n.contains("position")) return Category.COORDINATES;
        if (n.contains("location")) return Category.ADDRESS;
        if (n.contains("user")) return Category.EMAIL_USER_ID;
        return Category.PHONE;
    }

    // --- unknown fields: planted values in every shape, beside harmless siblings -------------

    private void unknown(Map<String, Value> fields, List<Planted> planted, String prefix) {
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            String key = UNKNOWN_KEYS.get(r.nextInt(UNKNOWN_KEYS.size()));
            if (fields.containsKey(key)) continue;
            Category c = unknownCategories.get(r.nextInt(unknownCategories.size()));
            for (int attempt = 0; ; attempt++) {
                List<String> needles = new ArrayList<>();
                String[] shape = new String[1];
                Value v = unknownValue(c, needles, shape);
                if (needles.stream().allMatch(this::usable)) {
                    fields.put(key, v);
                    planted.add(new Planted(device, model.model(), prefix + key, false, c, shape[0], List.copyOf(needles)));
                    break;
                }
                if (attempt > 100) throw new IllegalStateException("cannot draw a clean " + c);
            }
        }
        if (r.nextBoolean()) {
            String key = UNKNOWN_KEYS.get(r.nextInt(UNKNOWN_KEYS.size()));
            fields.putIfAbsent(key, harmless());
        }
    }

    private Value unknownValue(Category c, List<String> needles, String[] shape) {
        if (c == Category.COORDINATES) {
            double lon = PlantedValues.coordinate(r, 73, 135);
            double lat = PlantedValues.coordinate(r, 18, 53);
            switch (r.nextInt(7)) {
                case 0: shape[0] = "[lon,lat]"; return pair(lon, lat, needles);
                case 1: shape[0] = "[lat,lon]"; return pair(lat, lon, needles);
                case 2: shape[0] = "{lat,lng}"; return new Value.Struct(ordered("lat", real(lat, needles), "lng", real(lon, needles)));
                case 3: shape[0] = "{latitude,longitude}+sibling";
                    return new Value.Struct(ordered("latitude", real(lat, needles), "longitude", real(lon, needles), "n", harmless()));
                case 4: shape[0] = "path of points";
                    double lon2 = PlantedValues.coordinate(r, 73, 135);
                    double lat2 = PlantedValues.coordinate(r, 18, 53);
                    return new Value.Array(List.of(pair(lon, lat, needles), pair(lon2, lat2, needles)));
                case 5: shape[0] = "object{pos:[..],siblings}";
                    return new Value.Struct(ordered("pos", pair(lon, lat, needles), "mode", harmless(), "level", Value.of((long) r.nextInt(100))));
                default: shape[0] = "json-string";
                    return text("{\"lat\":" + lat + ",\"lng\":" + lon + "}", needles, Double.toString(lat), Double.toString(lon));
            }
        }
        String base = plain(c);
        int pick = r.nextInt(8);
        if (pick == 0 && (c == Category.PHONE || c == Category.BANK_CARD || c == Category.ID_CARD) && base.matches("[0-9]{6,18}")) {
            shape[0] = "int";
            return number(Long.parseLong(base), needles);
        }
        switch (pick) {
            case 1: shape[0] = "object+siblings"; return new Value.Struct(ordered("v", text(base, needles), "n", harmless(), "mode", harmless()));
            case 2: shape[0] = "list+siblings"; return new Value.Array(List.of(harmless(), text(base, needles), harmless()));
            case 3: shape[0] = "nested"; return new Value.Struct(ordered("a", new Value.Array(List.of(new Value.Struct(ordered("b", text(base, needles)))))));
            case 4: shape[0] = "json-string"; return text("{\"v\":\"" + base + "\",\"n\":3}", needles, base);
            case 5:
                if (c == Category.PHONE || c == Category.EMAIL) {
                    shape[0] = "in text";
                    return text("call " + base + " if it trips", needles, base);
                }
                shape[0] = "plain";
                return text(base, needles);
            default: shape[0] = "plain"; return text(base, needles);
        }
    }

    private String plain(Category c) {
        return switch (c) {
            case PHONE -> PlantedValues.phone(r);
            case EMAIL, EMAIL_USER_ID -> PlantedValues.email(r);
            case ID_CARD -> PlantedValues.idCard(r);
            case BANK_CARD -> PlantedValues.bankCard(r);
            case IPV4 -> PlantedValues.ipv4(r);
            case IPV6 -> PlantedValues.ipv6(r);
            case MAC -> PlantedValues.mac(r);
            case TOKEN -> PlantedValues.token(r);
            case SSID -> PlantedValues.ssid(r);
            case NAME -> PlantedValues.name(r);
            case ADDRESS -> PlantedValues.address(r);
            case PASSWORD -> PlantedValues.password(r);
            case USER_ID -> PlantedValues.userId(r);
            case COORDINATES -> throw new IllegalArgumentException("coordinates are numbers");
        };
    }

    // --- harmless values: short, so that no 6-byte piece of a planted value can be among them ----

    private Value harmless() {
        return switch (r.nextInt(4)) {
            case 0 -> Value.of((long) r.nextInt(100_000));
            case 1 -> Value.of(ENUMS.get(r.nextInt(ENUMS.size())));
            case 2 -> Value.of(r.nextBoolean());
            default -> Value.of(r.nextInt(10_000) / 10.0);
        };
    }

    private Value harmlessOf(ValueType type) {
        return switch (type) {
            case BOOL -> Value.of(r.nextBoolean());
            case INT -> Value.of((long) r.nextInt(100));
            case FLOAT -> Value.of(r.nextInt(1000) / 10.0);
            case STRING -> Value.of(ENUMS.get(r.nextInt(ENUMS.size())));
            case JSON -> new Value.Struct(Map.of("n", Value.of((long) r.nextInt(100))));
        };
    }

    private Value harmlessOf(PropertySpec p) {
        if (p.type() == ValueType.INT || p.type() == ValueType.FLOAT) {
            double lo = low(p);
            double v = lo + r.nextInt(40) + 1;
            return p.type() == ValueType.INT ? Value.of((long) v) : Value.of(v + 0.5);
        }
        return harmlessOf(p.type());
    }

    private Value beatValue() {
        double v = low(beat.spec()) + 1 + (seq % 40);
        return beat.spec().type() == ValueType.INT ? Value.of((long) v) : Value.of(v + 0.5);
    }

    private static double low(PropertySpec p) {
        return p.range().map(range -> range.min()).orElse(0.0);
    }

    // --- helpers ---------------------------------------------------------------------------

    private boolean usable(String needle) {
        return needle.getBytes(StandardCharsets.UTF_8).length >= PieceIndex.PIECE && clean.apply(needle);
    }

    private static Value text(String s, List<String> needles, String... pieces) {
        if (pieces.length == 0) needles.add(s);
        else needles.addAll(List.of(pieces));
        return Value.of(s);
    }

    private static Value number(long n, List<String> needles) {
        needles.add(Long.toString(n));
        return Value.of(n);
    }

    private static Value real(double d, List<String> needles) {
        needles.add(Double.toString(d));
        return Value.of(d);
    }

    private static Value pair(double a, double b, List<String> needles) {
        return new Value.Array(List.of(real(a, needles), real(b, needles)));
    }

    private static Map<String, Value> ordered(Object... kv) {
        Map<String, Value> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], (Value) kv[i + 1]);
        return m;
    }

}
