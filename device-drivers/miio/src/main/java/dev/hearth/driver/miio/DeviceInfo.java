package dev.hearth.driver.miio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonPointer;
import dev.hearth.driver.api.model.DataClass;
import dev.hearth.driver.api.model.DeviceModel;
import dev.hearth.driver.api.model.PropertySpec;
import dev.hearth.driver.api.model.ServiceSpec;
import dev.hearth.driver.api.value.Value;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a {@code miIO.info} reply into the model's device-information service: each property's
 * legacy name is a dotted path into the reply ({@code ap.ssid}, {@code netif.localIp}). Only
 * fields the model lists are reported, each under the data class the model gives it, except
 * SECRET ones: {@code miIO.info} carries the device's token, which stays in this session.
 */
final class DeviceInfo {
    private DeviceInfo() { }

    static Map<String, Value> values(DeviceModel model, JsonNode info) {
        Map<String, Value> values = new LinkedHashMap<>();
        if (!info.isObject()) return values;
        for (ServiceSpec s : model.services()) {
            if (!MiioApi.isInfoService(model, s)) continue;
            for (PropertySpec p : s.properties()) {
                if (p.dataClass() == DataClass.SECRET) continue;
                p.legacyName().ifPresent(path -> {
                    JsonNode n = info.at(JsonPointer.compile("/" + path.replace("~", "~0").replace("/", "~1").replace('.', '/')));
                    JsonValues.fromJson(n, p.type()).ifPresent(v -> values.put(s.siid() + "." + p.piid(), v));
                });
            }
        }
        return values;
    }

    static Optional<String> firmware(JsonNode info) {
        JsonNode fw = info.path("fw_ver");
        return fw.isTextual() && !fw.asText().isBlank() ? Optional.of(fw.asText()) : Optional.empty();
    }
}
