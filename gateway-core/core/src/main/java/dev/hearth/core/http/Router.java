package dev.hearth.core.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Routes by method and path pattern. Patterns are literal segments and {@code {name}} parameters:
 * {@code /api/v1/devices/{id}/properties}.
 */
public final class Router {

    /** Answers one request; may complete later (commands wait for a device). */
    @FunctionalInterface
    public interface Handler {
        CompletionStage<ApiResponse> handle(ApiRequest request);
    }

    /** Whether a route needs the bearer token. */
    public enum Access { PUBLIC, TOKEN }

    record Route(String method, String pattern, List<String> segments, Access access, Handler handler) {
    }

    /** The outcome of matching a path: a route with its parameters, or why none matched. */
    sealed interface Match {
        record Found(Route route, Map<String, String> params) implements Match { }
        record MethodNotAllowed(List<String> allowed) implements Match { }
        record NotFound() implements Match { }
        record Malformed(String reason) implements Match { }
    }

    private final List<Route> routes = new ArrayList<>();

    public Router add(String method, String pattern, Access access, Handler handler) {
        Objects.requireNonNull(handler, "handler");
        routes.add(new Route(method, pattern, segments(pattern), access, handler));
        return this;
    }

    /** A route whose handler answers at once. */
    public Router sync(String method, String pattern, Access access, Function<ApiRequest, ApiResponse> handler) {
        return add(method, pattern, access, r -> CompletableFuture.completedFuture(handler.apply(r)));
    }

    /** Matches a raw (still percent-encoded) path; bad encoding is {@link Match.Malformed}, never an exception. */
    Match match(String method, String rawPath) {
        Optional<List<String>> decoded = decodedSegments(rawPath);
        if (decoded.isEmpty()) return new Match.Malformed("the path is not validly percent-encoded UTF-8 without control characters");
        List<String> parts = decoded.get();
        List<String> allowed = new ArrayList<>();
        for (Route route : routes) {
            Optional<Map<String, String>> params = bind(route.segments(), parts);
            if (params.isEmpty()) continue;
            if (route.method().equals(method)) return new Match.Found(route, params.get());
            allowed.add(route.method());
        }
        return allowed.isEmpty() ? new Match.NotFound() : new Match.MethodNotAllowed(allowed);
    }

    private static Optional<Map<String, String>> bind(List<String> pattern, List<String> path) {
        if (pattern.size() != path.size()) return Optional.empty();
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String p = pattern.get(i);
            if (p.startsWith("{") && p.endsWith("}")) {
                if (path.get(i).isEmpty()) return Optional.empty();
                params.put(p.substring(1, p.length() - 1), path.get(i));
            } else if (!p.equals(path.get(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }

    /** A pattern's segments, taken literally. */
    private static List<String> segments(String pattern) {
        List<String> out = new ArrayList<>();
        for (String s : pattern.split("/")) {
            if (!s.isEmpty()) out.add(s);
        }
        return out;
    }

    /** A raw path's segments, each percent-decoded once (so {@code %2F} stays inside its segment). */
    private static Optional<List<String>> decodedSegments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (s.isEmpty()) continue;
            Optional<String> d = PercentDecoding.decode(s);
            if (d.isEmpty()) return Optional.empty();
            out.add(d.get());
        }
        return Optional.of(out);
    }
}
