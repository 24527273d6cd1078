package dev.hearth.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.core.GatewayAssembly;
import dev.hearth.core.access.DeviceScope;
import dev.hearth.core.access.RoomScope;
import dev.hearth.core.access.Scope;
import dev.hearth.core.access.Share;
import dev.hearth.core.access.ShareResult;
import dev.hearth.core.discovery.AdoptResult;
import dev.hearth.core.discovery.ModelChangeResult;
import dev.hearth.core.discovery.InboxEntry;
import dev.hearth.core.home.Room;
import dev.hearth.core.home.RoomResult;
import dev.hearth.core.http.ApiException;
import dev.hearth.core.http.ApiRequest;
import dev.hearth.core.http.ApiResponse;
import dev.hearth.core.http.Router;
import dev.hearth.driver.api.DeviceSecret;
import dev.hearth.driver.api.model.Privilege;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Rooms, shares and the discovery inbox on the local API, acting as the home owner. */
final class HomeResources {
    private final GatewayAssembly gateway;

    HomeResources(GatewayAssembly gateway) {
        this.gateway = gateway;
    }

    void routes(Router router) {
        router.sync("GET", "/api/v1/rooms", Router.Access.TOKEN, r -> ApiResponse.ok(gateway.rooms().list().stream().map(HomeResources::room).toList()))
                .sync("POST", "/api/v1/rooms", Router.Access.TOKEN, r -> roomResult(gateway.rooms().create(text(r.json(), "name")), 201))
                .sync("POST", "/api/v1/rooms/{id}", Router.Access.TOKEN, r -> roomResult(gateway.rooms().rename(r.pathParam("id"), text(r.json(), "name")), 200))
                .sync("DELETE", "/api/v1/rooms/{id}", Router.Access.TOKEN, r -> roomResult(gateway.rooms().delete(r.pathParam("id")), 200))
                .sync("GET", "/api/v1/shares", Router.Access.TOKEN, r -> ApiResponse.ok(gateway.shares().all().stream().map(HomeResources::share).toList()))
                .sync("POST", "/api/v1/shares", Router.Access.TOKEN, this::offer)
                .sync("DELETE", "/api/v1/shares/{id}", Router.Access.TOKEN,
                        r -> shareResult(gateway.shares().revoke(owner(), r.pathParam("id"), now()), 200))
                .sync("GET", "/api/v1/inbox", Router.Access.TOKEN, r -> ApiResponse.ok(gateway.inbox().entries().stream().map(HomeResources::inbox).toList()))
                .sync("POST", "/api/v1/inbox/{id}/adopt", Router.Access.TOKEN, this::adopt)
                .sync("POST", "/api/v1/inbox/{id}/accept-model", Router.Access.TOKEN, this::acceptModel);
    }

    private String owner() {
        return gateway.home().owner();
    }

    private Instant now() {
        return gateway.clock().instant();
    }

    private ApiResponse offer(ApiRequest r) {
        JsonNode body = r.json();
        Scope scope = scope(body.path("scope"));
        Privilege privilege = privilege(text(body, "privilege"));
        Optional<Instant> expires = body.hasNonNull("expiresAt")
                ? Optional.of(Instant.ofEpochMilli(body.get("expiresAt").asLong())) : Optional.empty();
        return shareResult(gateway.shares().offer(owner(), text(body, "grantee"), scope, privilege, expires, now()), 201);
    }

    private ApiResponse adopt(ApiRequest r) {
        String id = r.pathParam("id");
        Optional<DeviceSecret> secret = r.body().length == 0 ? Optional.empty() : secret(r.json());
        // checked before the secret is kept: a key for a device nobody discovered, or one already
        // connected, must not land in the secrets file
        if (gateway.sessions().isOpen(id)) return adopted(AdoptResult.ALREADY_ADOPTED, id);
        if (gateway.inbox().find(id).isEmpty()) return adopted(AdoptResult.NOT_DISCOVERED, id);
        secret.ifPresent(s -> gateway.rememberSecret(id, s));
        return adopted(gateway.adoption().adopt(id), id);
    }

    /** The owner accepts the model a MODEL_CHANGED entry announced for an adopted device. */
    private ApiResponse acceptModel(ApiRequest r) {
        String id = r.pathParam("id");
        ModelChangeResult result = gateway.adoption().acceptModel(id);
        return switch (result) {
            case ACCEPTED -> ApiResponse.ok(Map.of("result", result.name()));
            case NO_MODEL_CHANGE -> ApiResponse.error(404, "no_model_change", "no model change of device " + id + " in the discovery inbox");
            case PINNED_BY_CONFIG -> ApiResponse.error(409, "pinned_by_config", "device " + id + " is configured under devices:; change its model there");
            case PROTOCOL_DIFFERS -> ApiResponse.error(409, "protocol_differs", "the announcement claims another protocol: not the same device");
        };
    }

    private static Optional<DeviceSecret> secret(JsonNode body) {
        JsonNode v = body.get("secret");
        if (v == null || v.isNull()) return Optional.empty();
        if (!v.isTextual()) throw ApiException.badRequest("secret: expected the key or token as hex text");
        try {
            return Optional.of(DeviceSecret.fromHex(v.asText().strip()));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("secret: " + e.getMessage());
        }
    }

    private static ApiResponse adopted(AdoptResult result, String id) {
        return switch (result) {
            case ADOPTED, ALREADY_ADOPTED -> ApiResponse.ok(Map.of("result", result.name()));
            case NOT_DISCOVERED -> ApiResponse.error(404, "not_discovered", "no device " + id + " in the discovery inbox");
            case NO_SECRET -> ApiResponse.error(409, "no_secret", "device " + id + " needs its key or token: POST {\"secret\": \"<hex>\"}");
        };
    }

    private static Scope scope(JsonNode s) {
        if (s.hasNonNull("device")) return new DeviceScope(id(s.get("device"), "scope.device"));
        if (s.hasNonNull("roomId")) return new RoomScope(id(s.get("roomId"), "scope.roomId"));
        if (s.path("home").asBoolean(false)) return Scope.HOME;
        throw ApiException.badRequest("scope: expected {\"device\": id}, {\"roomId\": id} or {\"home\": true}");
    }

    /** An id from JSON: text, not blank (an object or a number is a 400, not a 500). */
    private static String id(JsonNode v, String field) {
        if (!v.isTextual() || v.asText().isBlank()) throw ApiException.badRequest(field + ": expected an id as text");
        return v.asText();
    }

    private static Privilege privilege(String name) {
        try {
            return Privilege.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("privilege: expected view, operate or manage, got \"" + name + "\"");
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) throw ApiException.badRequest(field + ": required text");
        return v.asText();
    }

    private static ApiResponse roomResult(RoomResult result, int status) {
        if (result instanceof RoomResult.Done done) {
            Map<String, Object> body = new LinkedHashMap<>(room(done.room()));
            body.put("unassignedDevices", done.unassignedDevices());
            return ApiResponse.json(status, body);
        }
        RoomResult.Refused refused = (RoomResult.Refused) result;
        int code = refused.code() == RoomResult.Refusal.NO_SUCH_ROOM ? 404 : refused.code() == RoomResult.Refusal.DUPLICATE_NAME ? 409 : 400;
        return ApiResponse.error(code, refused.code().name().toLowerCase(Locale.ROOT), refused.reason());
    }

    private static ApiResponse shareResult(ShareResult result, int status) {
        if (result instanceof ShareResult.Done done) return ApiResponse.json(status, share(done.share()));
        ShareResult.Refused refused = (ShareResult.Refused) result;
        int code = switch (refused.code()) {
            case NO_SUCH_SHARE, UNKNOWN_TARGET -> 404;
            case NOT_ALLOWED, NOT_GRANTEE, EXCEEDS_GRANTER, OWNER_NOT_SHAREABLE -> 403;
            case WRONG_STATE, EXPIRED, LIMIT_REACHED -> 409;
            default -> 400;
        };
        return ApiResponse.error(code, refused.code().name().toLowerCase(Locale.ROOT), refused.reason());
    }

    static Map<String, Object> room(Room room) {
        return Map.of("id", room.id(), "name", room.name());
    }

    static Map<String, Object> share(Share s) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", s.id());
        view.put("granter", s.granter());
        view.put("grantee", s.grantee());
        view.put("scope", s.scope().key());
        view.put("privilege", s.privilege().name().toLowerCase(Locale.ROOT));
        view.put("state", s.state().name().toLowerCase(Locale.ROOT));
        view.put("createdAt", s.createdAt().toEpochMilli());
        s.expiresAt().ifPresent(e -> view.put("expiresAt", e.toEpochMilli()));
        return view;
    }

    static Map<String, Object> inbox(InboxEntry e) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("deviceId", e.device().deviceId());
        view.put("protocol", e.device().protocol());
        view.put("model", e.device().model());
        view.put("address", e.device().address().getHostString() + ":" + e.device().address().getPort());
        view.put("reason", e.detail().isBlank() ? e.reason().name().toLowerCase(Locale.ROOT) : e.detail());
        view.put("kind", e.reason().name());
        view.put("firstSeen", e.firstSeen().toEpochMilli());
        view.put("lastSeen", e.lastSeen().toEpochMilli());
        return view;
    }
}
