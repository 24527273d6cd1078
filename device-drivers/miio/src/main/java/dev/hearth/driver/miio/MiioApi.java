package dev.hearth.driver.miio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.driver.api.DeviceCommand;
import dev.hearth.driver.api.model.DeviceModel;
import dev.hearth.driver.api.model.ServiceSpec;
import dev.hearth.driver.api.value.Value;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a model's properties and actions become miIO calls: legacy ({@code get_prop},
 * {@code set_<name>}) or MIoT ({@code get_properties}, {@code set_properties}, {@code action}),
 * chosen by the model option {@code miio.api}.
 */
sealed interface MiioApi permits LegacyApi, MiotApi {

    static MiioApi forModel(DeviceModel model, long deviceId) {
        String api = model.option("miio.api").orElse("miot");
        return switch (api) {
            case "legacy" -> new LegacyApi(model);
            case "miot" -> new MiotApi(model, deviceId);
            default -> throw new IllegalArgumentException(model.model() + ": miio.api must be legacy or miot, not " + api);
        };
    }

    /** The call that reads every polled property, if the model has any. */
    Optional<RpcCall> poll();

    /** The values in a poll reply, keyed {@code "siid.piid"}; unreadable entries are left out. */
    Map<String, Value> pollResult(JsonNode result);

    /** The calls that carry out {@code command}, or why the command does not fit the model. */
    List<RpcCall> plan(DeviceCommand command) throws JsonValues.InvalidValue;

    /** Whether a service's properties come from {@code miIO.info} rather than polling. */
    static boolean isInfoService(DeviceModel model, ServiceSpec s) {
        return model.option("miio.infoService").map(v -> v.equals(Integer.toString(s.siid()))).orElse(false);
    }
}
