package dev.hearth.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.core.GatewayAssembly;
import dev.hearth.core.cloud.wire.ProtoValues;
import dev.hearth.core.http.ApiException;
import dev.hearth.core.http.ApiRequest;
import dev.hearth.core.http.ApiResponse;
import dev.hearth.core.http.EventStream;
import dev.hearth.core.http.Router;
import dev.hearth.core.http.StaticFiles;
import dev.hearth.core.registry.DeviceRecord;
import dev.hearth.core.registry.RegistryChange;
import dev.hearth.driver.api.value.ValueJson;
import dev.hearth.driver.api.value.Value;
import dev.hearth.protocols.cloud.v1.CommandReply;
import dev.hearth.protocols.cloud.v1.ItemResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The local HTTP API ({@code /api/v1}), the health and metrics endpoints, and the web page. It
 * acts as the home owner: whoever holds the local token is in the home. Rooms, shares and the
 * discovery inbox have their own resource classes; this one holds devices and wiring.
 */
public final class LocalApi {
    private final GatewayAssembly gateway;
    private final DeviceViews views;

    private LocalApi(GatewayAssembly gateway) {
        this.gateway = gateway;
        this.views = new DeviceViews(gateway.models());
    }

    /** Every route of the local HTTP server. */
    public static Router routes(GatewayAssembly gateway) {
        LocalApi api = new LocalApi(gateway);
        Router router = new Router()
                .sync("GET", "/healthz", Router.Access.PUBLIC, r -> ApiResponse.ok(Map.of("status", "up")))
                .sync("GET", "/readyz", Router.Access.PUBLIC, r -> api.readiness())
                .sync("GET", "/metrics", Router.Access.PUBLIC,
                        r -> ApiResponse.text(200, "text/plain; version=0.0.4; charset=utf-8", gateway.metrics().scrape()))
                .sync("GET", "/api/v1/devices", Router.Access.TOKEN, r -> ApiResponse.ok(api.deviceList()))
                .sync("GET", "/api/v1/devices/{id}", Router.Access.TOKEN, r -> ApiResponse.ok(api.device(r.pathParam("id"))))
                .sync("POST", "/api/v1/devices/{id}", Router.Access.TOKEN, api::editDevice)
                .add("POST", "/api/v1/devices/{id}/properties", Router.Access.TOKEN, api::setProperties)
                .add("POST", "/api/v1/devices/{id}/actions/{action}", Router.Access.TOKEN, api::invokeAction);
        new HomeResources(gateway).routes(router);
        new PrivacyResources(gateway).routes(router);
        new RightsResources(gateway).routes(router);
        new FeedbackResources(gateway).routes(router);
        new TrustResources(gateway).routes(router);
        new StaticFiles("hearth/web").routes(router);
        return router;
    }

    /** At most one inbox event per this interval reaches the page. */
    static final java.time.Duration INBOX_EVENT_INTERVAL = java.time.Duration.ofSeconds(1);

    /** Streams registry and inbox changes to the web page: availability, state changes, and "reload" signals. */
    public static void forwardEvents(GatewayAssembly gateway, EventStream events) {
        DeviceViews views = new DeviceViews(gateway.models());
        gateway.registry().addListener(change -> {
            if (change instanceof RegistryChange.AvailabilityChanged a) {
                events.publish("availability", DeviceViews.availability(a.device().availability()));
            } else if (change instanceof RegistryChange.StateChanged s) {
                Map<String, JsonNode> shown = views.shownState(s.device(), s.changed());
                if (!shown.isEmpty()) events.publish("state", Map.of("device", s.device().id(), "values", shown));
            } else {
                events.publish("registry", Map.of());
            }
        });
        // coalesced: a flood of announcements must not reload every open page once per entry
        var inbox = new dev.hearth.core.http.CoalescedEvent(() -> events.publish("inbox", Map.of()), gateway.scheduler(),
                INBOX_EVENT_INTERVAL);
        gateway.inbox().onChange(inbox::changed);
    }

    private ApiResponse readiness() {
        Map<String, Object> body = new LinkedHashMap<>();
        boolean ready = gateway.ready();
        body.put("ready", ready);
        body.put("devices", gateway.registry().all().size());
        body.put("broker", gateway.brokerLink());
        body.put("storage", gateway.storageProblem().orElse("ok"));
        return ApiResponse.json(ready ? 200 : 503, body);
    }

    private List<Map<String, Object>> deviceList() {
        var shares = gateway.shares().all();
        var now = gateway.clock().instant();
        List<Map<String, Object>> out = new ArrayList<>();
        for (DeviceRecord d : gateway.registry().all()) out.add(views.device(d, shares, now));
        return out;
    }

    private Map<String, Object> device(String id) {
        DeviceRecord d = gateway.registry().find(id).orElseThrow(() -> ApiException.notFound("no device " + id));
        return views.device(d, gateway.shares().all(), gateway.clock().instant());
    }

    private ApiResponse editDevice(ApiRequest r) {
        String id = r.pathParam("id");
        device(id);
        JsonNode body = r.json();
        if (body.has("name")) {
            String name = body.get("name").asText("");
            dev.hearth.core.home.DisplayNames.problem(name).ifPresent(p -> { throw ApiException.badRequest("name: " + p); });
            gateway.registry().rename(id, dev.hearth.core.home.DisplayNames.clean(name));
        }
        if (body.has("roomId")) {
            String room = body.get("roomId").asText("");
            if (!room.isEmpty() && gateway.rooms().find(room).isEmpty()) throw ApiException.badRequest("roomId: no room " + room);
            gateway.registry().assign(id, room.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(room));
        }
        return ApiResponse.ok(device(id));
    }

    private CompletionStage<ApiResponse> setProperties(ApiRequest r) {
        JsonNode values = r.json().path("values");
        if (!values.isObject() || values.isEmpty()) throw ApiException.badRequest("values: expected an object of \"siid.piid\": value");
        Map<String, Value> set = new LinkedHashMap<>();
        // names as well as keys: "brightness", "light.brightness", "2.2"
        var model = modelOf(r.pathParam("id"));
        values.fields().forEachRemaining(e -> set.put(ModelNames.property(model, e.getKey()), value("values." + e.getKey(), e.getValue())));
        return gateway.localCommands().setProperties(r.pathParam("id"), set).thenApply(LocalApi::toResponse);
    }

    private CompletionStage<ApiResponse> invokeAction(ApiRequest r) {
        JsonNode args = r.body().length == 0 ? null : r.json().path("args");
        List<Value> list = new ArrayList<>();
        if (args != null && args.isArray()) args.forEach(a -> list.add(value("args[" + list.size() + "]", a)));
        else if (args != null && !args.isMissingNode()) throw ApiException.badRequest("args: expected an array");
        String action = ModelNames.action(modelOf(r.pathParam("id")), r.pathParam("action"));
        return gateway.localCommands().invokeAction(r.pathParam("id"), action, list).thenApply(LocalApi::toResponse);
    }

    /** The model of a registered device, if the gateway knows it; an unknown device is the command path's to refuse. */
    private java.util.Optional<dev.hearth.driver.api.model.DeviceModel> modelOf(String id) {
        return gateway.registry().find(id).flatMap(d -> gateway.models().find(d.model()));
    }

    /** A command value from JSON; null is refused here, or it would reach a text property as the word "null". */
    private static Value value(String where, JsonNode n) {
        if (n.isNull()) throw ApiException.badRequest(where + ": null is not a value");
        return ValueJson.fromJson(n);
    }

    /**
     * The HTTP form of a command's reply. Device commands take the cloud's command path (as the
     * owner: authorized, audited, measured), so their refusals arrive as reply statuses.
     */
    private static ApiResponse toResponse(CommandReply reply) {
        String code = reply.getReasonCode();
        return switch (reply.getStatus()) {
            case OK -> ApiResponse.json(200, Map.of("status", "OK", "items", items(reply)));
            case DEVICE_ERROR -> reply.getItemsCount() > 0
                    ? ApiResponse.json(502, Map.of("status", "DEVICE_ERROR", "items", items(reply)))
                    : ApiResponse.error(502, code, reply.getMessage());
            case UNKNOWN_DEVICE -> ApiResponse.error(404, code, reply.getMessage());
            // the access policy refuses a device that is not in the home before anything else
            case FORBIDDEN -> ApiResponse.error(code.equals("unknown_target") ? 404 : 403, code, reply.getMessage());
            case DEVICE_OFFLINE -> ApiResponse.error(409, code, reply.getMessage());
            case DEVICE_TIMEOUT -> ApiResponse.error(504, code, reply.getMessage());
            case INVALID_ARGUMENT, MALFORMED -> ApiResponse.error(400, code, reply.getMessage());
            case BUSY -> ApiResponse.error(429, code, reply.getMessage());
            default -> ApiResponse.error(500, code.isEmpty() ? "internal" : code, reply.getMessage());
        };
    }

    private static List<Map<String, Object>> items(CommandReply reply) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (ItemResult i : reply.getItemsList()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("key", i.getKey());
            item.put("code", i.getCode());
            item.put("message", i.getMessage());
            // An item value the gateway itself could not read back is left out, never shown as something else.
            if (i.hasValue() && ProtoValues.fromProto(i.getValue()) instanceof ProtoValues.Decoded.Ok<Value> ok) {
                item.put("value", ValueJson.toJson(ok.value()));
            }
            items.add(item);
        }
        return items;
    }
}
