package dev.hearth.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** One HTTP request as a route handler sees it: already authenticated where the route needs it. */
public record ApiRequest(String method, String path, Map<String, List<String>> query,
                         Map<String, String> pathParams, byte[] body) {
    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = Map.copyOf(query);
        pathParams = Map.copyOf(pathParams);
        body = body.clone();
    }

    public String pathParam(String name) {
        String v = pathParams.get(name);
        if (v == null) throw new IllegalStateException("route has no parameter " + name);
        return v;
    }

    public Optional<String> queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The body as a JSON object; a {@link ApiException} 400 when it is empty or not JSON. */
    public JsonNode json() {
        return Json.parseObject(body);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
