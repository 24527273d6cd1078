package dev.hearth.bench.devices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The gateway's {@code availability} events, read from its server-sent event stream
 * ({@code GET /api/v1/events}) on a thread of its own, each stamped with {@link System#nanoTime()}
 * as its line arrives.
 */
final class AvailabilityFeed implements AutoCloseable {
    /** One availability event: {@code since} is the gateway's timestamp (epoch ms), {@code arrivedNanos} ours. */
    record Change(String device, String status, String reason, long since, long arrivedNanos) {
    }

    private final BlockingQueue<Change> changes = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private final ObjectMapper json = new ObjectMapper();
    private final Thread reader;
    private volatile Stream<String> lines = Stream.empty();

    private AvailabilityFeed(GatewayProcess gw) {
        HttpRequest request = gw.request("/api/v1/events").timeout(Duration.ofDays(1)).GET().build();
        reader = new Thread(() -> read(gw, request), "bench-sse");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens the stream and waits until the gateway has registered it (its opening comment arrived). */
    static AvailabilityFeed open(GatewayProcess gw, Duration timeout) throws IOException, InterruptedException {
        AvailabilityFeed feed = new AvailabilityFeed(gw);
        try {
            feed.opened.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return feed;
        } catch (ExecutionException | TimeoutException e) {
            feed.close();
            throw new IOException("the event stream did not open: " + e, e);
        }
    }

    /** The next event of {@code device} with {@code status}, skipping others; empty after {@code timeout}. */
    Optional<Change> await(String device, String status, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long left = timeout.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            Change c = changes.poll(left, TimeUnit.NANOSECONDS);
            if (c == null) break;
            if (c.device().equals(device) && c.status().equals(status)) return Optional.of(c);
        }
        return Optional.empty();
    }

    private void read(GatewayProcess gw, HttpRequest request) {
        try {
            HttpResponse<Stream<String>> r = gw.http().send(request, HttpResponse.BodyHandlers.ofLines());
            if (r.statusCode() != 200) {
                opened.completeExceptionally(new IOException("GET /api/v1/events answered " + r.statusCode()));
                return;
            }
            lines = r.body();
            String event = "";
            for (String line : (Iterable<String>) lines::iterator) {
                long now = System.nanoTime();
                if (line.startsWith(":")) {
                    opened.complete(null);
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:") && event.equals("availability")) {
                    JsonNode a = json.readTree(line.substring(5));
                    changes.add(new Change(a.path("device").asText(), a.path("status").asText(), a.path("reason").asText(""),
                            a.path("since").asLong(), now));
                } else if (line.isEmpty()) {
                    event = "";
                }
            }
        } catch (IOException | RuntimeException e) {
            opened.completeExceptionally(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        lines.close();
        reader.interrupt();
    }
}
