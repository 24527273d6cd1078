package dev.hearth.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import dev.hearth.testkit.Conditions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpApiServerIT {
    @TempDir Path dataDir;
    private HttpApiServer server;
    private ApiToken token;
    private EventStream events;
    private String base;
    private final List<String> badRequests = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        token = ApiToken.loadOrCreate(dataDir, new SecureRandom());
        events = new EventStream();
        Router router = new Router()
                .sync("GET", "/api/v1/things/{id}", Router.Access.TOKEN, r -> ApiResponse.ok(Map.of("id", r.pathParam("id"))))
                .sync("POST", "/api/v1/things", Router.Access.TOKEN, r -> ApiResponse.json(201, Map.of("name", r.json().path("name").asText())))
                .sync("GET", "/api/v1/boom", Router.Access.TOKEN, r -> { throw new IllegalStateException("secret internals"); })
                .sync("GET", "/healthz", Router.Access.PUBLIC, r -> ApiResponse.ok(Map.of("status", "up")));
        new StaticFiles("hearth/web-test").routes(router);
        HttpCounters counters = new HttpCounters() {
            @Override public void request(String route, int status) { }
            @Override public synchronized void badRequest(String reason) { badRequests.add(reason); }
        };
        server = new HttpApiServer(router, token, events, counters, 64 * 1024);
        InetSocketAddress bound = server.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        base = "http://127.0.0.1:" + bound.getPort();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(String method, String path, String body, boolean withToken) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (withToken) b.header("Authorization", "Bearer " + token.reveal());
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void tokenFileIsOwnerOnlyAndStableAcrossStarts() throws Exception {
        Path file = dataDir.resolve(ApiToken.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(ApiToken.loadOrCreate(dataDir, new SecureRandom()).reveal()).isEqualTo(token.reveal());
        assertThat(token.toString()).doesNotContain(token.reveal());
    }

    @Test
    void refusesRequestsWithoutTheTokenWith401Json() throws Exception {
        HttpResponse<String> r = send("GET", "/api/v1/things/a", null, false);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(r.body()).contains("\"code\":\"unauthorized\"");
        HttpRequest wrong = HttpRequest.newBuilder(URI.create(base + "/api/v1/things/a"))
                .header("Authorization", "Bearer " + "0".repeat(64)).build();
        assertThat(http.send(wrong, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }

    @Test
    void servesRoutesWithPathParametersAndPublicHealth() throws Exception {
        assertThat(send("GET", "/api/v1/things/lamp-1", null, true).body()).isEqualTo("{\"id\":\"lamp-1\"}");
        HttpResponse<String> created = send("POST", "/api/v1/things", "{\"name\":\"desk\"}", true);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).isEqualTo("{\"name\":\"desk\"}");
        assertThat(send("GET", "/healthz", null, false).statusCode()).isEqualTo(200);
    }

    @Test
    void answersBadJsonWith400AndCountsIt() throws Exception {
        HttpResponse<String> r = send("POST", "/api/v1/things", "{not json", true);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"code\":\"bad_request\"").contains("not valid JSON");
        assertThat(send("POST", "/api/v1/things", "[1,2]", true).statusCode()).isEqualTo(400);
        assertThat(send("POST", "/api/v1/things", "", true).statusCode()).isEqualTo(400);
        assertThat(badRequests).contains("bad_request");
    }

    @Test
    void unknownPathsAndMethodsGetJsonErrors() throws Exception {
        HttpResponse<String> missing = send("GET", "/api/v1/nothing", null, true);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("not_found");
        HttpResponse<String> wrongMethod = send("DELETE", "/api/v1/things/x", null, true);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.body()).contains("GET");
    }

    @Test
    void aFailingHandlerGives500WithoutInternals() throws Exception {
        HttpResponse<String> r = send("GET", "/api/v1/boom", null, true);
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).contains("\"code\":\"internal\"").doesNotContain("secret internals").doesNotContain("Exception");
    }

    @Test
    void oversizedBodiesAreRefused() throws Exception {
        HttpResponse<String> r = send("POST", "/api/v1/things", "{\"name\":\"" + "x".repeat(100_000) + "\"}", true);
        assertThat(r.statusCode()).isEqualTo(413);
    }

    @Test
    void servesTheWebPageFromTheClassPathAndNoTraversal() throws Exception {
        HttpResponse<String> page = send("GET", "/", null, false);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("hello hearth");
        assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(send("GET", "/static/..%2Fsecret", null, false).statusCode()).isEqualTo(404);
    }

    @Test
    void streamsServerSentEventsToAuthorizedClients() throws Exception {
        assertThat(send("GET", HttpApiServer.EVENTS_PATH, null, false).statusCode()).isEqualTo(401);
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + HttpApiServer.EVENTS_PATH))
                .header("Authorization", "Bearer " + token.reveal()).build();
        HttpResponse<InputStream> stream = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        CompletableFuture<String> data = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.startsWith("data: ")) return line.substring(6);
                }
                return "closed";
            } catch (Exception e) {
                return e.toString();
            }
        });
        Conditions.await("the event stream to open", Duration.ofSeconds(10), () -> events.clientCount() > 0);
        events.publish("status", Map.of("device", "lamp-1", "status", "online"));
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(json.readTree(data.get(10, TimeUnit.SECONDS)))
                .isEqualTo(json.readTree("{\"device\":\"lamp-1\",\"status\":\"online\"}"));
    }
}
