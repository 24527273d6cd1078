package dev.hearth.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.core.GatewayAssembly;
import dev.hearth.core.devices.CommandResult;
import dev.hearth.core.http.ApiException;
import dev.hearth.core.http.ApiRequest;
import dev.hearth.core.http.ApiResponse;
import dev.hearth.core.http.EventStream;
import dev.hearth.core.http.Router;
import dev.hearth.core.http.StaticFiles;
import dev.hearth.core.registry.DeviceRecord;
import dev.hearth.core.registry.RegistryChange;
import dev.hearth.driver.api.value.ValueJson;
import dev.hearth.driver.api.CommandOutcome;
import dev.hearth.driver.api.DeviceCommand;
import dev.hearth.driver.api.value.Value;
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
        new StaticFiles("hearth/web").routes(router);
        return router;
    }

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
        gateway.inbox().onChange(() -> events.publish("inbox", Map.of()));
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
        values.fields().forEachRemaining(e -> set.put(e.getKey(), value("values." + e.getKey(), e.getValue())));
        return execute(r.pathParam("id"), new DeviceCommand.SetProperties(set));
    }

    private CompletionStage<ApiResponse> invokeAction(ApiRequest r) {
        JsonNode args = r.body().length == 0 ? null : r.json().path("args");
        List<Value> list = new ArrayList<>();
        if (args != null && args.isArray()) args.forEach(a -> list.add(value("args[" + list.size() + "]", a)));
        else if (args != null && !args.isMissingNode()) throw ApiException.badRequest("args: expected an array");
        return execute(r.pathParam("id"), new DeviceCommand.InvokeAction(r.pathParam("action"), list));
    }

    /** A command value from JSON; null is refused here, or it would reach a text property as the word "null". */
    private static Value value(String where, JsonNode n) {
        if (n.isNull()) throw ApiException.badRequest(where + ": null is not a value");
        return ValueJson.fromJson(n);
    }

    private CompletionStage<ApiResponse> execute(String deviceId, DeviceCommand command) {
        return gateway.sessions().execute(deviceId, command, gateway.config().online().commandTimeout())
                .thenApply(LocalApi::toResponse);
    }

    private static ApiResponse toResponse(CommandResult result) {
        if (result instanceof CommandResult.Completed c) {
            CommandOutcome outcome = c.outcome();
            List<Map<String, Object>> items = new ArrayList<>();
            for (CommandOutcome.Item i : outcome.items()) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("key", i.key());
                item.put("code", i.code());
                item.put("message", i.message());
                i.value().ifPresent(v -> item.put("value", ValueJson.toJson(v)));
                items.add(item);
            }
            return ApiResponse.json(outcome.succeeded() ? 200 : 502,
                    Map.of("status", outcome.succeeded() ? "OK" : "DEVICE_ERROR", "items", items));
        }
        CommandResult.Rejected rejected = (CommandResult.Rejected) result;
        int status = switch (rejected.rejection()) {
            case UNKNOWN_DEVICE -> 404;
            case DEVICE_OFFLINE -> 409;
            case DEVICE_TIMEOUT -> 504;
            case INVALID_ARGUMENT -> 400;
            case BUSY -> 429;
            case DRIVER_ERROR -> 502;
        };
        return ApiResponse.error(status, rejected.rejection().name().toLowerCase(java.util.Locale.ROOT), rejected.message());
    }
}
