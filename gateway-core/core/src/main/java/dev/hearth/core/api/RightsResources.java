package dev.hearth.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.core.GatewayAssembly;
import dev.hearth.core.access.UserIds;
import dev.hearth.core.http.ApiException;
import dev.hearth.core.http.ApiRequest;
import dev.hearth.core.http.ApiResponse;
import dev.hearth.core.http.Router;
import dev.hearth.core.privacy.ConsentChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Consent and data rights on the running gateway, for the owner on the LAN (the local page, a
 * shell, {@code hearth ctl --local}): {@code GET /api/v1/consent}, {@code POST
 * /api/v1/consent/ux {"joined": bool}}, and per user {@code GET .../privacy/users/{user}/export},
 * {@code POST .../erase} and {@code POST .../withdraw}, the last two only with
 * {@code {"confirm": true}}; {@code GET .../privacy/stats/preview} is exactly the next usage message. The token holder acts as the home owner (DESIGN.md section 13); a user
 * the home holds nothing about is 404 "no data held for user U". Each request is recorded.
 */
final class RightsResources {
    private final GatewayAssembly gateway;

    RightsResources(GatewayAssembly gateway) {
        this.gateway = gateway;
    }

    void routes(Router router) {
        router.sync("GET", "/api/v1/consent", Router.Access.TOKEN, r -> ApiResponse.ok(consent()))
                .sync("POST", "/api/v1/consent/ux", Router.Access.TOKEN, this::setUx)
                .sync("GET", "/api/v1/privacy/stats/preview", Router.Access.TOKEN, r -> statsPreview())
                .sync("GET", "/api/v1/privacy/users/{user}/export", Router.Access.TOKEN,
                        r -> ApiResponse.ok(gateway.userDataExport().export(subject(r), owner())))
                .sync("POST", "/api/v1/privacy/users/{user}/erase", Router.Access.TOKEN,
                        r -> ApiResponse.ok(gateway.erasure().erase(confirmed(r, subject(r)), owner()).toJson()))
                .sync("POST", "/api/v1/privacy/users/{user}/withdraw", Router.Access.TOKEN,
                        r -> ApiResponse.ok(gateway.erasure().withdraw(confirmed(r, wellFormed(r)), owner()).toJson()));
    }

    private String owner() {
        return gateway.home().owner();
    }

    private Map<String, Object> consent() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("uxProgrammeJoined", gateway.consent().uxProgrammeJoined());
        List<Map<String, Object>> history = new ArrayList<>();
        for (ConsentChange c : gateway.consent().history()) {
            if (!c.subject().equals(ConsentChange.HOME)) continue; // a user's own changes are in their export
            history.add(Map.of("at", c.at().toString(), "actor", c.actor(), "kind", c.kind().name()));
        }
        body.put("history", history);
        return body;
    }

    /** Exactly the next {@code stats} message, as protobuf JSON (empty counts while the home is not in the programme). */
    private ApiResponse statsPreview() {
        try {
            String json = com.google.protobuf.util.JsonFormat.printer().print(gateway.usage().previewNext().message());
            return ApiResponse.text(200, ApiResponse.JSON, json);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException("a UsageStats message does not print as JSON", e);
        }
    }

    private ApiResponse setUx(ApiRequest r) {
        JsonNode joined = r.json().get("joined");
        if (joined == null || !joined.isBoolean()) throw ApiException.badRequest("joined: expected true or false");
        gateway.consent().setUxProgramme(joined.asBoolean(), owner(), gateway.clock().instant());
        return ApiResponse.ok(Map.of("uxProgrammeJoined", gateway.consent().uxProgrammeJoined()));
    }

    /** The path's user, refused when the id is malformed. */
    private static String wellFormed(ApiRequest r) {
        String user = r.pathParam("user");
        UserIds.problem(user).ifPresent(p -> {
            throw ApiException.badRequest(p);
        });
        return user;
    }

    /** The path's user, refused when the id is malformed or the home holds nothing about them. */
    private String subject(ApiRequest r) {
        String user = wellFormed(r);
        if (!gateway.held().holdsAnythingAbout(user)) throw new ApiException(404, "no_data", "no data held for user " + user);
        return user;
    }

    /**
     * An erasure or a withdrawal cannot be undone: the request says so explicitly. A withdrawal is
     * taken for any well-formed id, held or not: it only stops data (a lock's events may name a user
     * the home stores nothing about), so refusing it would let that data keep leaving.
     */
    private static String confirmed(ApiRequest r, String user) {
        JsonNode confirm = r.json().get("confirm");
        if (confirm == null || !confirm.asBoolean(false) || !confirm.isBoolean()) {
            throw ApiException.badRequest("this cannot be undone: send {\"confirm\": true} to go ahead for user " + user);
        }
        return user;
    }
}
