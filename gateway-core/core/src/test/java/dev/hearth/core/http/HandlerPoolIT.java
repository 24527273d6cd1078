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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Route handlers run off the event loop on a bounded pool: a blocking one stalls no one else. */
class HandlerPoolIT {
    @TempDir Path dataDir;
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger blocked = new AtomicInteger();
    private final Map<String, AtomicInteger> counted = new ConcurrentHashMap<>();
    private HttpApiServer server;
    private ApiToken token;
    private EventStream events;
    private InetSocketAddress address;
    private String host;

    private void start(int threads, int queue) throws Exception {
        start(threads, queue, 64, 16);
    }

    private void start(int threads, int queue, int maxConnections, int maxEventStreams) throws Exception {
        Router router = new Router()
                // like a handler writing SQLite behind a slow disk: it blocks its thread
                .sync("POST", "/api/v1/block", Router.Access.PUBLIC, r -> {
                    blocked.incrementAndGet();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return ApiResponse.ok(Map.of("done", true));
                })
                .sync("GET", "/healthz", Router.Access.PUBLIC, r -> ApiResponse.ok(Map.of("status", "up")))
                .sync("GET", "/api/v1/things", Router.Access.TOKEN, r -> ApiResponse.ok(Map.of()));
        HttpCounters counters = new HttpCounters() {
            @Override public void request(String route, int status) { }
            @Override public void badRequest(String reason) { counted.computeIfAbsent(reason, k -> new AtomicInteger()).incrementAndGet(); }
        };
        token = ApiToken.loadOrCreate(dataDir, new SecureRandom());
        events = new EventStream(maxEventStreams);
        server = new HttpApiServer(router, token, events, counters,
                64 * 1024, new HttpLimits(maxConnections, Duration.ofSeconds(30), 16, Set.of(), threads, queue));
        address = server.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        host = "127.0.0.1:" + address.getPort();
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) server.close();
    }

    private String block() {
        return "POST /api/v1/block HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: 0\r\n\r\n";
    }

    @Test
    void aBlockedHandlerDoesNotStopOtherConnections() throws Exception {
        start(2, 4);
        try (RawHttp slow = new RawHttp(address); RawHttp other = new RawHttp(address)) {
            slow.send(block());
            Conditions.await("the handler to block", Duration.ofSeconds(10), () -> blocked.get() == 1);
            assertThat(other.send(RawHttp.get("/healthz", host, "")).read().orElseThrow().status()).isEqualTo(200);
            release.countDown();
            assertThat(slow.read().orElseThrow().status()).isEqualTo(200);
        }
    }

    @Test
    void aFullPoolAnswers503AndCountsIt() throws Exception {
        start(1, 1);
        try (RawHttp a = new RawHttp(address); RawHttp b = new RawHttp(address); RawHttp c = new RawHttp(address)) {
            a.send(block());
            Conditions.await("the handler to block", Duration.ofSeconds(10), () -> blocked.get() == 1);
            b.send(block()); // waits in the queue
            Conditions.await("the second request to wait for the thread", Duration.ofSeconds(10), () -> server.handlersWaiting() == 1);
            RawHttp.Answer refused = c.send(RawHttp.get("/healthz", host, "")).read().orElseThrow();
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.body()).contains("busy");
            assertThat(counted.get("handlers_busy")).hasPositiveValue();
            assertThat(c.send(RawHttp.get("/healthz", host, "")).read()).as("a 503 keeps the connection").isPresent();
            release.countDown();
            assertThat(a.read().orElseThrow().status()).isEqualTo(200);
            assertThat(b.read().orElseThrow().status()).isEqualTo(200);
        }
    }

    private RawHttp openEvents() throws Exception {
        RawHttp stream = new RawHttp(address);
        RawHttp.Answer head = stream.send(RawHttp.get(HttpApiServer.EVENTS_PATH, host, "Authorization: Bearer " + token.reveal() + "\r\n"))
                .read().orElseThrow();
        assertThat(head.status()).isEqualTo(200);
        return stream;
    }

    @Test
    void aThousandConcurrentRequestsOnAFullPoolAreAnswered503WithoutAHangWhileTheEventStreamAndRefusalsGoOn() throws Exception {
        start(2, 4, 2_048, 16);
        List<RawHttp> clients = new ArrayList<>();
        try (RawHttp stream = openEvents()) {
            Conditions.await("the event stream open", Duration.ofSeconds(10), () -> events.clientCount() == 1);
            for (int i = 0; i < 6; i++) clients.add(new RawHttp(address).send(block()));
            Conditions.await("both handlers blocked and four waiting", Duration.ofSeconds(10),
                    () -> blocked.get() == 2 && server.handlersWaiting() == 4);

            List<RawHttp> flood = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) flood.add(new RawHttp(address));
            clients.addAll(flood);
            long started = System.nanoTime();
            for (RawHttp c : flood) c.send(RawHttp.get("/healthz", host, ""));
            // meanwhile, what needs no handler thread still works
            events.publish("inbox", Map.of());
            assertThat(stream.lineContaining("event: inbox")).isPresent();
            try (RawHttp stranger = new RawHttp(address)) {
                assertThat(stranger.send(RawHttp.get("/api/v1/things", host, "")).read().orElseThrow().status()).isEqualTo(401);
            }
            int refused = 0;
            for (RawHttp c : flood) {
                c.timeout(20_000);
                if (c.read().orElseThrow().status() == 503) refused++;
            }
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            System.out.printf("HandlerPoolIT: 1,000 requests on a full pool answered in %d ms%n", millis);

            assertThat(refused).isEqualTo(1_000);
            assertThat(counted.get("handlers_busy")).hasValue(1_000);
            assertThat(millis).as("no request waits for the blocked handlers").isLessThan(20_000);
            release.countDown();
            for (RawHttp c : clients.subList(0, 6)) assertThat(c.read().orElseThrow().status()).isEqualTo(200);
            assertThat(flood.get(0).send(RawHttp.get("/healthz", host, "")).read().orElseThrow().status()).isEqualTo(200);
        } finally {
            for (RawHttp c : clients) c.close();
        }
    }

    @Test
    void eventStreamsBeyondTheirBoundAreRefused503AndCounted() throws Exception {
        start(2, 4, 64, 2);
        try (RawHttp one = openEvents(); RawHttp two = openEvents(); RawHttp three = new RawHttp(address)) {
            RawHttp.Answer refused = three.send(RawHttp.get(HttpApiServer.EVENTS_PATH, host,
                    "Authorization: Bearer " + token.reveal() + "\r\n")).read().orElseThrow();
            assertThat(refused.status()).isEqualTo(503);
            assertThat(counted.get("event_streams_full")).hasValue(1);
            assertThat(events.clientCount()).isEqualTo(2);
        }
        Conditions.await("the streams closed", Duration.ofSeconds(10), () -> events.clientCount() == 0);
        try (RawHttp again = openEvents()) {
            Conditions.await("a new stream admitted", Duration.ofSeconds(10), () -> events.clientCount() == 1);
        }
    }
}
