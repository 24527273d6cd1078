package dev.hearth.core.miio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.StreamSupport;

/** The gateway's local HTTP API as a user's script sees it: real HTTP on loopback, with the local token. */
public final class LocalApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A response: its status and its JSON body. */
    public record Reply(int status, JsonNode body) { }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String token;

    public LocalApiClient(InetSocketAddress address, String token) {
        this.base = URI.create("http://" + address.getHostString() + ":" + address.getPort());
        this.token = token;
    }

    public JsonNode get(String path) {
        Reply r = send(HttpRequest.newBuilder(base.resolve(path)).GET());
        if (r.status() != 200) throw new AssertionError("GET " + path + " answered " + r.status() + ": " + r.body());
        return r.body();
    }

    public Reply post(String path, String json) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** The device's entry of {@code GET /api/v1/devices}, if listed. */
    public Optional<JsonNode> device(String id) {
        return find(get("/api/v1/devices"), "id", id);
    }

    /** The device's entry of {@code GET /api/v1/inbox}, if it waits there. */
    public Optional<JsonNode> inboxEntry(String id) {
        return find(get("/api/v1/inbox"), "deviceId", id);
    }

    private static Optional<JsonNode> find(JsonNode list, String field, String id) {
        return StreamSupport.stream(list.spliterator(), false).filter(n -> n.path(field).asText().equals(id)).findFirst();
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
