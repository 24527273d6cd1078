package dev.hearth.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testkit.Conditions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local HTTP server against a hostile LAN client (issue 21), over real loopback sockets. */
class HttpHardeningIT {
    private static final String CSP = "default-src 'self'; frame-ancestors 'none'";
    @TempDir Path dataDir;
    private HttpApiServer server;
    private ApiToken token;
    private InetSocketAddress address;
    private String host;
    private final Map<String, AtomicInteger> counted = new ConcurrentHashMap<>();

    private void start(HttpLimits limits) throws Exception {
        token = ApiToken.loadOrCreate(dataDir, new SecureRandom());
        Router router = new Router()
                // a command: answered later, from another thread, like a device's reply
                .add("POST", "/api/v1/slow", Router.Access.TOKEN, r -> CompletableFuture.supplyAsync(
                        () -> ApiResponse.ok(Map.of("slow", true)), CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS)))
                .sync("GET", "/api/v1/things/{id}", Router.Access.TOKEN, r -> ApiResponse.ok(Map.of("id", r.pathParam("id"))))
                .sync("GET", "/healthz", Router.Access.PUBLIC, r -> ApiResponse.ok(Map.of("status", "up")));
        new StaticFiles("hearth/web-test").routes(router);
        HttpCounters counters = new HttpCounters() {
            @Override public void request(String route, int status) { }
            @Override public void badRequest(String reason) { counted.computeIfAbsent(reason, k -> new AtomicInteger()).incrementAndGet(); }
        };
        server = new HttpApiServer(router, token, new EventStream(), counters, 64 * 1024, limits);
        address = server.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        host = "127.0.0.1:" + address.getPort();
    }

    private void start() throws Exception {
        start(new HttpLimits(64, Duration.ofSeconds(30), 16, Set.of("hearth.home.arpa")));
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    private String auth() {
        return "Authorization: Bearer " + token.reveal() + "\r\n";
    }

    private String slowCommand(String extra) {
        return "POST /api/v1/slow HTTP/1.1\r\nHost: " + host + "\r\n" + auth() + extra + "Content-Length: 2\r\n\r\n{}";
    }

    private RawHttp.Answer one(String raw) throws Exception {
        try (RawHttp c = new RawHttp(address)) {
            return c.send(raw).read().orElseThrow(() -> new AssertionError("connection closed without an answer"));
        }
    }

    private int count(String reason) {
        return counted.getOrDefault(reason, new AtomicInteger()).get();
    }

    @Test
    void pipelinedRequestsAreAnsweredInTheOrderTheyCame() throws Exception {
        start();
        try (RawHttp c = new RawHttp(address)) {
            c.send(slowCommand("") + RawHttp.get("/healthz", host, "") + RawHttp.get("/api/v1/nothing", host, auth()));
            List<Integer> statuses = new ArrayList<>();
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                RawHttp.Answer a = c.read().orElseThrow();
                statuses.add(a.status());
                bodies.add(a.body());
            }
            assertThat(statuses).containsExactly(200, 200, 404);
            assertThat(bodies.get(0)).contains("slow");
            assertThat(bodies.get(1)).contains("up");
        }
    }

    @Test
    void aLaterConnectionCloseDoesNotLoseTheAnswersBeforeIt() throws Exception {
        start();
        try (RawHttp c = new RawHttp(address)) {
            c.send(slowCommand("") + RawHttp.get("/healthz", host, "Connection: close\r\n")
                    + RawHttp.get("/healthz", host, ""));
            RawHttp.Answer first = c.read().orElseThrow(() -> new AssertionError("the command's answer was lost"));
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.body()).contains("slow");
            RawHttp.Answer second = c.read().orElseThrow();
            assertThat(second.header("connection")).hasValue("close");
            assertThat(c.read()).as("nothing is served after Connection: close").isEmpty();
        }
    }

    @Test
    void tooManyPipelinedRequestsAreRefusedInOrderAndTheConnectionCloses() throws Exception {
        start(new HttpLimits(64, Duration.ofSeconds(30), 2, Set.of()));
        try (RawHttp c = new RawHttp(address)) {
            // the command is in progress, two wait behind it, the fourth is one too many
            c.send(slowCommand("") + RawHttp.get("/healthz", host, "") + RawHttp.get("/healthz", host, "")
                    + RawHttp.get("/healthz", host, "") + RawHttp.get("/healthz", host, ""));
            assertThat(c.read().orElseThrow().body()).contains("slow");
            assertThat(c.read().orElseThrow().status()).isEqualTo(200);
            assertThat(c.read().orElseThrow().status()).isEqualTo(200);
            assertThat(c.read().orElseThrow().status()).isEqualTo(503);
            assertThat(c.read()).isEmpty();
        }
        assertThat(count("pipeline_overflow")).isEqualTo(1);
    }

    @Test
    void connectionsBeyondTheCapAreRefusedAndTheApiStillAnswers() throws Exception {
        start();
        List<RawHttp> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 1_000; i++) clients.add(new RawHttp(address));
            Conditions.await("936 connections refused", Duration.ofSeconds(30), () -> count("connection_cap") == 936,
                    () -> count("connection_cap") + " refused, " + server.openConnections() + " open");
            assertThat(server.openConnections()).isEqualTo(64);
            int refused = 0;
            for (RawHttp c : clients.subList(64, clients.size())) {
                Optional<RawHttp.Answer> a = c.read();
                if (a.isEmpty() || a.get().status() == 503) refused++;
            }
            assertThat(refused).isEqualTo(936);
            RawHttp.Answer health = clients.get(0).send(RawHttp.get("/healthz", host, "")).read().orElseThrow();
            assertThat(health.status()).isEqualTo(200);
        } finally {
            for (RawHttp c : clients) c.close();
        }
        Conditions.await("the connections to close", Duration.ofSeconds(10), () -> server.openConnections() == 0);
        assertThat(one(RawHttp.get("/healthz", host, "")).status()).isEqualTo(200);
    }

    @Test
    void anIdleConnectionIsClosedAfterTheTimeoutButNotWhileItsRequestIsAnswered() throws Exception {
        start(new HttpLimits(64, Duration.ofMillis(200), 16, Set.of()));
        try (RawHttp idle = new RawHttp(address); RawHttp busy = new RawHttp(address)) {
            idle.timeout(5_000);
            busy.send(slowCommand("")); // answered after 300 ms, longer than the idle timeout
            assertThat(idle.closedByServer()).isTrue();
            assertThat(busy.read().orElseThrow().status()).isEqualTo(200);
        }
        assertThat(count("idle_timeout")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aForeignHostIsRefusedAndOurOwnNamesAreServed() throws Exception {
        start();
        RawHttp.Answer evil = one(RawHttp.get("/", "evil.example", ""));
        assertThat(evil.status()).isEqualTo(421);
        assertThat(one(RawHttp.get("/metrics", "evil.example:" + address.getPort(), "")).status()).isEqualTo(421);
        assertThat(one(RawHttp.get("/healthz", "127.0.0.2", "")).status()).isEqualTo(200); // loopback bind: loopback literals
        assertThat(one(RawHttp.get("/healthz", "localhost:" + address.getPort(), "")).status()).isEqualTo(200);
        assertThat(one(RawHttp.get("/healthz", "hearth.home.arpa", "")).status()).isEqualTo(200);
        assertThat(one(RawHttp.get("/healthz", "10.0.0.1", "")).status()).isEqualTo(421);
        assertThat(one("GET /healthz HTTP/1.1\r\n\r\n").status()).isEqualTo(400);
        assertThat(count("host_refused")).isEqualTo(3);
    }

    @Test
    void everyAnswerCarriesTheContentSecurityPolicy() throws Exception {
        start();
        List<RawHttp.Answer> answers = List.of(
                one(RawHttp.get("/", host, "")),
                one(RawHttp.get("/healthz", host, "")),
                one(RawHttp.get("/api/v1/things/a", host, "")),
                one(RawHttp.get("/api/v1/nothing", host, auth())),
                one(RawHttp.get("/static/%ZZ", host, "")),
                one(RawHttp.get("/", "evil.example", "")));
        assertThat(answers).extracting(RawHttp.Answer::status).containsExactly(200, 200, 401, 404, 400, 421);
        assertThat(answers).allSatisfy(a -> assertThat(a.header("content-security-policy")).hasValue(CSP));
        try (RawHttp c = new RawHttp(address)) {
            RawHttp.Answer stream = c.send(RawHttp.get(HttpApiServer.EVENTS_PATH, host, auth())).read().orElseThrow();
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("content-security-policy")).hasValue(CSP);
        }
    }

    @Test
    void malformedRequestsGet400AndTheConnectionStaysUsable() throws Exception {
        start();
        try (RawHttp c = new RawHttp(address)) {
            for (String path : List.of("/static/%ZZ", "/static/%", "/api/v1/things/%E0%A4", "/api/v1/things/a%0Ab",
                    "/api/v1/things/a%1B%5B31m", "/healthz?x=%ZZ")) {
                RawHttp.Answer a = c.send(RawHttp.get(path, host, auth())).read()
                        .orElseThrow(() -> new AssertionError(path + " dropped the connection"));
                assertThat(a.status()).as(path).isEqualTo(400);
                assertThat(a.body()).as(path).contains("bad_request");
            }
            assertThat(c.send(RawHttp.get("/api/v1/things/a%2Fb", host, auth())).read().orElseThrow().body())
                    .isEqualTo("{\"id\":\"a/b\"}"); // decoded once, inside its segment
        }
        assertThat(one("GARBAGE\r\n\r\n").status()).isEqualTo(400);
        assertThat(count("bad_percent_encoding")).isEqualTo(6);
    }

    @Test
    void unknownRoutesAreAnswered401WithoutTheToken() throws Exception {
        start();
        assertThat(one(RawHttp.get("/api/v1/nothing", host, "")).status()).isEqualTo(401);
        assertThat(one(RawHttp.get("/wp-admin", host, "")).status()).isEqualTo(401);
        assertThat(one("DELETE /healthz HTTP/1.1\r\nHost: " + host + "\r\n\r\n").status()).isEqualTo(401);
        assertThat(one(RawHttp.get("/api/v1/nothing", host, auth())).status()).isEqualTo(404);
        assertThat(one("DELETE /healthz HTTP/1.1\r\nHost: " + host + "\r\n" + auth() + "\r\n").status()).isEqualTo(405);
        assertThat(one(RawHttp.get("/healthz", host, "")).status()).isEqualTo(200);
    }
}
