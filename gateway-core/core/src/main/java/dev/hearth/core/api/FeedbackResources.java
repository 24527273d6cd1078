package dev.hearth.core.api;

import dev.hearth.core.GatewayAssembly;
import dev.hearth.core.feedback.FeedbackBundle;
import dev.hearth.core.feedback.FeedbackForm;
import dev.hearth.core.home.RandomIds;
import dev.hearth.core.http.ApiException;
import dev.hearth.core.http.ApiResponse;
import dev.hearth.core.http.Router;
import java.util.Map;

/**
 * {@code POST /api/v1/feedback/preview}: the feedback bundle the form would make, in full ("this is
 * everything that will leave"): only what the user typed. Saving and sending bundles are not
 * built yet (DESIGN.md section 13).
 */
final class FeedbackResources {
    private final GatewayAssembly gateway;
    private final RandomIds ids = new RandomIds("f_");

    FeedbackResources(GatewayAssembly gateway) {
        this.gateway = gateway;
    }

    void routes(Router router) {
        router.sync("POST", "/api/v1/feedback/preview", Router.Access.TOKEN, r -> {
            FeedbackForm.Parsed parsed = FeedbackForm.parse(r.json());
            if (parsed instanceof FeedbackForm.Parsed.Invalid invalid) throw ApiException.badRequest(invalid.reason());
            FeedbackBundle bundle = new FeedbackBundle(ids.get(), gateway.clock().instant(), ((FeedbackForm.Parsed.Valid) parsed).form());
            return ApiResponse.ok(Map.of("leaves", "this is everything that will leave", "bundle", bundle.toJson()));
        });
    }
}
