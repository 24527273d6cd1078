package dev.hearth.driver.miio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.driver.api.DeviceCommand;
import dev.hearth.driver.api.model.DeviceModel;
import dev.hearth.driver.api.model.ServiceSpec;
import dev.hearth.driver.api.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * How a model's properties and actions become miIO calls: legacy ({@code get_prop},
 * {@code set_<name>}) or MIoT ({@code get_properties}, {@code set_properties}, {@code action}),
 * chosen by the model option {@code miio.api}.
 */
sealed interface MiioApi permits LegacyApi, MiotApi {

    /**
     * The model's API, reading at most {@code maxPropsPerRequest} properties per call: some
     * devices answer only one property per {@code get_prop} (python-miio's knowledge of the
     * zhimi.fan.sa1, za1, za3 and za4).
     */
    static MiioApi forModel(DeviceModel model, long deviceId, int maxPropsPerRequest) {
        String api = model.option("miio.api").orElse("miot");
        return switch (api) {
            case "legacy" -> new LegacyApi(model, maxPropsPerRequest);
            case "miot" -> new MiotApi(model, deviceId, maxPropsPerRequest);
            default -> throw new IllegalArgumentException(model.model() + ": miio.api must be legacy or miot, not " + api);
        };
    }

    /** One poll request and how its reply reads as values keyed {@code "siid.piid"} (unreadable entries left out). */
    record Poll(RpcCall call, Function<JsonNode, Map<String, Value>> read) {
        public Poll {
            Objects.requireNonNull(call, "call");
            Objects.requireNonNull(read, "read");
        }
    }

    /** The calls that together read every polled property, none with more than the per-request limit. */
    List<Poll> polls();

    /** {@code items} cut into consecutive pieces of at most {@code size}. */
    static <T> List<List<T>> chunks(List<T> items, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) out.add(List.copyOf(items.subList(i, Math.min(items.size(), i + size))));
        return out;
    }

    /** The calls that carry out {@code command}, or why the command does not fit the model. */
    List<RpcCall> plan(DeviceCommand command) throws JsonValues.InvalidValue;

    /** Whether a service's properties come from {@code miIO.info} rather than polling. */
    static boolean isInfoService(DeviceModel model, ServiceSpec s) {
        return model.option("miio.infoService").map(v -> v.equals(Integer.toString(s.siid()))).orElse(false);
    }
}
