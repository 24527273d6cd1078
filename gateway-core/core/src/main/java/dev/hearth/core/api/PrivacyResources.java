package dev.hearth.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.core.GatewayAssembly;
import dev.hearth.core.http.ApiException;
import dev.hearth.core.http.ApiRequest;
import dev.hearth.core.http.ApiResponse;
import dev.hearth.core.http.Router;
import dev.hearth.core.privacy.PiiCategory;
import dev.hearth.core.privacy.UnknownFieldDecision;
import dev.hearth.core.privacy.UnknownFieldRecord;
import dev.hearth.core.privacy.UnknownFieldReview;
import dev.hearth.core.privacy.UnknownFieldRules;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The owner's review of undeclared fields on the local API: {@code GET /api/v1/privacy/unknown-fields}
 * lists what devices reported beyond their models (counts, first/last seen, JSON types, the
 * detector's verdict; never a value) with the owner's decision, and
 * {@code POST /api/v1/privacy/unknown-fields/{model}/{field}} records one:
 * {@code {"decision": "TELEMETRY" | "DIAGNOSTIC" | "keep-dropping"}}.
 */
final class PrivacyResources {
    private final GatewayAssembly gateway;

    PrivacyResources(GatewayAssembly gateway) {
        this.gateway = gateway;
    }

    void routes(Router router) {
        router.sync("GET", "/api/v1/privacy/unknown-fields", Router.Access.TOKEN, r -> ApiResponse.ok(list()))
                .sync("POST", "/api/v1/privacy/unknown-fields/{model}/{field}", Router.Access.TOKEN, this::decide);
    }

    private Map<String, Object> list() {
        UnknownFieldReview review = gateway.unknownFields();
        List<Map<String, Object>> fields = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (UnknownFieldRecord.Entry e : review.seen()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", e.model());
            m.put("field", e.field());
            m.put("count", e.count());
            m.put("firstSeen", e.firstSeen().toString());
            m.put("lastSeen", e.lastSeen().toString());
            m.put("types", e.types().stream().sorted().toList());
            m.put("detector", Map.of("personal", e.personal(),
                    "categories", e.categories().stream().map(PiiCategory::name).sorted().toList()));
            m.put("decision", review.decision(e.model(), e.field()).map(rule -> rule.decision().label()).orElse("undecided"));
            fields.add(m);
            listed.add(e.model() + '\u0000' + e.field());
        }
        // decisions on fields not seen since the last start are listed too, so the owner can change them
        for (UnknownFieldRules.Rule rule : review.decisions()) {
            if (listed.contains(rule.model() + '\u0000' + rule.field())) continue;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", rule.model());
            m.put("field", rule.field());
            m.put("count", 0);
            m.put("decision", rule.decision().label());
            fields.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("fields", fields);
        body.put("unrecorded", review.unrecorded());
        return body;
    }

    private ApiResponse decide(ApiRequest r) {
        JsonNode body = r.json();
        JsonNode d = body.get("decision");
        if (d == null || !d.isTextual()) throw ApiException.badRequest("decision: expected TELEMETRY, DIAGNOSTIC or keep-dropping");
        Optional<UnknownFieldDecision> decision = UnknownFieldDecision.parse(d.asText());
        if (decision.isEmpty()) throw ApiException.badRequest("decision: expected TELEMETRY, DIAGNOSTIC or keep-dropping");
        UnknownFieldReview.Result result = gateway.unknownFields().decide(gateway.home().owner(), r.pathParam("model"),
                r.pathParam("field"), decision.get());
        if (result instanceof UnknownFieldReview.Result.Refused refused) throw ApiException.badRequest(refused.reason());
        UnknownFieldRules.Rule rule = ((UnknownFieldReview.Result.Recorded) result).rule();
        return ApiResponse.ok(Map.of("model", rule.model(), "field", rule.field(), "decision", rule.decision().label(),
                "decidedAt", rule.decidedAt().toString()));
    }
}
