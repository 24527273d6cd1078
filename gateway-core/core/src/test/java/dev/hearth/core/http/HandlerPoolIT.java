package dev.hearth.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testkit.Conditions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
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
    private InetSocketAddress address;
    private String host;

    private void start(int threads, int queue) throws Exception {
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
                .sync("GET", "/healthz", Router.Access.PUBLIC, r -> ApiResponse.ok(Map.of("status", "up")));
        HttpCounters counters = new HttpCounters() {
            @Override public void request(String route, int status) { }
            @Override public void badRequest(String reason) { counted.computeIfAbsent(reason, k -> new AtomicInteger()).incrementAndGet(); }
        };
        server = new HttpApiServer(router, ApiToken.loadOrCreate(dataDir, new SecureRandom()), new EventStream(), counters,
                64 * 1024, new HttpLimits(64, Duration.ofSeconds(30), 16, Set.of(), threads, queue));
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
}
