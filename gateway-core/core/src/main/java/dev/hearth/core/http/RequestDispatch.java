package dev.hearth.core.http;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one request gets: checks (decodable, Host, percent-encoding, token) in that order, then
 * the route's handler, run on the bounded handler pool (full: 503, counted {@code handlers_busy}). Nothing here throws for bad input: every refusal is an answer, counted.
 * Without the token, a path that is not a public route is answered 401, so what exists is only
 * told to those who may use it.
 */
final class RequestDispatch {
    private static final Logger LOG = LoggerFactory.getLogger(RequestDispatch.class);

    /** The outcome: an answer (maybe later), or the switch of the connection to the event stream. */
    sealed interface Answer {
        record Respond(CompletionStage<ApiResponse> response) implements Answer { }
        record OpenStream() implements Answer { }
    }

    private final Router router;
    private final ApiToken token;
    private final HttpCounters counters;
    private final HostCheck hosts;
    private final Executor handlers;

    /** {@code handlers} runs the route handlers and refuses work when full (RejectedExecutionException). */
    RequestDispatch(Router router, ApiToken token, HttpCounters counters, HostCheck hosts, Executor handlers) {
        this.router = Objects.requireNonNull(router, "router");
        this.token = Objects.requireNonNull(token, "token");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.hosts = Objects.requireNonNull(hosts, "hosts");
        this.handlers = Objects.requireNonNull(handlers, "handlers");
    }

    Answer answer(RawRequest req) {
        if (req.overflow()) {
            return refuse("pipeline_overflow", 503, "too_many_requests", "too many requests sent ahead of their answers on one connection");
        }
        if (!req.decoded()) return refuse("undecodable", 400, "bad_request", "the request could not be decoded");
        if (req.host().isEmpty()) return refuse("no_host", 400, "bad_request", "the request has no Host header");
        if (!hosts.accepts(req.host().get())) {
            return refuse("host_refused", 421, "misdirected_request", "this gateway does not answer for that host name");
        }
        QueryStringDecoder uri = new QueryStringDecoder(req.uri(), StandardCharsets.UTF_8);
        String rawPath = uri.rawPath();
        Map<String, List<String>> query;
        try {
            query = uri.parameters();
        } catch (IllegalArgumentException e) {
            return refuse("bad_percent_encoding", 400, "bad_request", "the query is not validly percent-encoded");
        }
        boolean authorized = token.matchesHeader(req.authorization().orElse(null));
        if (req.method().equals("GET") && rawPath.equals(HttpApiServer.EVENTS_PATH)) {
            return authorized ? new Answer.OpenStream() : unauthorized();
        }
        Router.Match match = router.match(req.method(), rawPath);
        if (match instanceof Router.Match.Malformed m) return refuse("bad_percent_encoding", 400, "bad_request", m.reason());
        if (!(match instanceof Router.Match.Found found)) {
            if (!authorized) return unauthorized();
            if (match instanceof Router.Match.MethodNotAllowed m) {
                return now(ApiResponse.error(405, "method_not_allowed", req.method() + " is not allowed here; use " + m.allowed()));
            }
            return now(ApiResponse.error(404, "not_found", "no such resource"));
        }
        if (found.route().access() == Router.Access.TOKEN && !authorized) return unauthorized();
        ApiRequest request = new ApiRequest(req.method(), rawPath, query, found.params(), req.body());
        String route = found.route().method() + " " + found.route().pattern();
        CompletableFuture<ApiResponse> answer = new CompletableFuture<>();
        try {
            // off the event loop: a handler may write SQLite or wait on a lock
            handlers.execute(() -> {
                try {
                    found.route().handler().handle(request).whenComplete((r, f) -> {
                        if (f != null) answer.completeExceptionally(f);
                        else answer.complete(r);
                    });
                } catch (RuntimeException e) {
                    answer.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            counters.request(route, 503);
            return refuse("handlers_busy", 503, "busy", "the gateway is busy with other requests; retry shortly");
        }
        return new Answer.Respond(answer.handle((response, failure) -> {
            ApiResponse r = failure == null && response != null ? response : fromFailure(route, failure);
            counters.request(route, r.status());
            return r;
        }));
    }

    private Answer unauthorized() {
        return refuse("unauthorized", 401, "unauthorized",
                "this needs the local API token: Authorization: Bearer <token from the data directory's api-token file>");
    }

    private Answer refuse(String counted, int status, String code, String message) {
        counters.badRequest(counted);
        return now(ApiResponse.error(status, code, message));
    }

    private static Answer now(ApiResponse r) {
        return new Answer.Respond(CompletableFuture.completedFuture(r));
    }

    private ApiResponse fromFailure(String route, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof ApiException api) {
            if (api.status() == 400) counters.badRequest(api.code());
            return ApiResponse.error(api.status(), api.code(), api.getMessage());
        }
        LOG.warn("{} failed: {}", route, cause == null ? "no answer" : cause.toString());
        return ApiResponse.error(500, "internal", "the gateway could not serve this request; see its log");
    }
}
