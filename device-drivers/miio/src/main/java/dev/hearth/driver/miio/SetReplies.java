package dev.hearth.driver.miio;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How devices answer a write ({@code set_properties}, {@code action}, a legacy {@code set_*}), as
 * third-party firmware really sends it: a list of {@code {siid, piid, code}} per property (the
 * MIoT spec), a list of {@code {code}} in the order asked, an object with a {@code code}, or a bare
 * acknowledgement — {@code 0}, {@code "ok"}, {@code ["ok"]} (python-miio's MIoT simulator, older
 * firmware). Anything else is no acknowledgement: each key gets code -1 "unexpected reply".
 */
final class SetReplies {
    static final int UNEXPECTED = -1;

    private SetReplies() {
    }

    /** The code for each of {@code keys} ({@code "siid.piid"}, in the order sent). */
    static Map<String, Integer> codes(List<String> keys, JsonNode result) {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (acknowledged(result)) {
            keys.forEach(k -> out.put(k, 0));
            return out;
        }
        if (result.isObject() && result.has("code")) {
            int code = code(result);
            keys.forEach(k -> out.put(k, code));
            return out;
        }
        if (result.isArray()) {
            boolean keyed = result.size() > 0 && result.get(0).has("siid") && result.get(0).has("piid");
            if (keyed) {
                Map<String, Integer> byKey = new LinkedHashMap<>();
                for (JsonNode e : result) byKey.put(e.path("siid").asInt() + "." + e.path("piid").asInt(), code(e));
                keys.forEach(k -> out.put(k, byKey.getOrDefault(k, UNEXPECTED)));
                return out;
            }
            if (result.size() == keys.size()) {
                for (int i = 0; i < keys.size(); i++) out.put(keys.get(i), code(result.get(i)));
                return out;
            }
        }
        keys.forEach(k -> out.put(k, UNEXPECTED));
        return out;
    }

    /** The code of a single acknowledgement (an action, one legacy set). */
    static int code(JsonNode result) {
        if (acknowledged(result)) return 0;
        if (result.isObject() && result.has("code")) return result.get("code").canConvertToInt() ? result.get("code").asInt() : UNEXPECTED;
        if (result.isArray() && result.size() == 1 && result.get(0).isObject()) return code(result.get(0));
        return UNEXPECTED;
    }

    /** A bare acknowledgement: 0, "ok", or a list holding only one of those. */
    static boolean acknowledged(JsonNode result) {
        if (result.isInt() && result.asInt() == 0) return true;
        if (result.isTextual() && "ok".equalsIgnoreCase(result.asText())) return true;
        return result.isArray() && result.size() == 1 && !result.get(0).isContainerNode() && acknowledged(result.get(0));
    }

    /** The text for a code. */
    static String message(int code) {
        return code == 0 ? "ok" : code == UNEXPECTED ? "unexpected reply" : "device error";
    }
}
