package dev.hearth.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testkit.Conditions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21, defect 8 ("19,950 idle connections exhausted the file descriptors"), for real: 20,000
 * idle connections from four client processes (5,000 each: one process may hold at most 20,000
 * descriptors here, so the attack cannot come from the gateway's own JVM) against a server capped
 * at 64. The gateway's JVM never holds more than the cap, an authorised request on a connection
 * opened before the flood is still answered at once, and the descriptors come back afterwards.
 */
class ConnectionFloodIT {
    private static final int CAP = 64;
    private static final int PROCESSES = 4;
    private static final int PER_PROCESS = 5_000;
    private static final int FLOOD = PROCESSES * PER_PROCESS;
    /** Descriptors the server may hold beyond the cap while it refuses: accepted and not yet closed. */
    private static final int IN_REFUSAL = 64;

    @TempDir Path dir;
    private HttpApiServer server;
    private final List<Process> attackers = new ArrayList<>();
    private final Map<String, AtomicInteger> counted = new ConcurrentHashMap<>();

    @AfterEach
    void stop() {
        attackers.forEach(Process::destroyForcibly);
        if (server != null) server.close();
    }

    @Test
    void twentyThousandIdleConnectionsFromOtherProcessesLeaveTheGatewayAtItsCapAndServingItsOwner() throws Exception {
        ApiToken token = ApiToken.loadOrCreate(dir, new SecureRandom());
        Router router = new Router()
                .sync("GET", "/api/v1/things/{id}", Router.Access.TOKEN, r -> ApiResponse.ok(Map.of("id", r.pathParam("id"))));
        server = new HttpApiServer(router, token, new EventStream(), new HttpCounters() {
            @Override public void request(String route, int status) { }
            @Override public void badRequest(String reason) { counted.computeIfAbsent(reason, k -> new AtomicInteger()).incrementAndGet(); }
        }, 64 * 1024, new HttpLimits(CAP, Duration.ofMinutes(5), 16, Set.of()));
        InetSocketAddress address = server.start(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0));
        String host = "127.0.0.1:" + address.getPort();
        String authorised = RawHttp.get("/api/v1/things/lamp", host, "Authorization: Bearer " + token.reveal() + "\r\n");

        try (RawHttp owner = new RawHttp(address)) {
            assertThat(owner.send(authorised).read().orElseThrow().status()).isEqualTo(200);
            int baseline = openDescriptors();
            AtomicLong peak = new AtomicLong(baseline);
            var sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(() -> peak.accumulateAndGet(openDescriptors(), Math::max), 0, 2, TimeUnit.MILLISECONDS);

            long started = System.nanoTime();
            List<Attacker> flood = new ArrayList<>();
            for (int i = 0; i < PROCESSES; i++) flood.add(new Attacker(address, "127.0.0." + (2 + i)));
            Conditions.await("20,000 idle connections open", Duration.ofSeconds(45),
                    () -> flood.stream().allMatch(a -> a.opened.get() >= 0), () -> flood.toString());
            assertThat(flood).allSatisfy(a -> assertThat(a.opened.get()).as(a.toString()).isEqualTo(PER_PROCESS));
            Conditions.await("every connection beyond the cap refused", Duration.ofSeconds(30),
                    () -> count("connection_cap") == FLOOD - (CAP - 1),
                    () -> count("connection_cap") + " refused, " + server.openConnections() + " open");
            Conditions.await("the refused connections closed at the clients", Duration.ofSeconds(30),
                    () -> flood.stream().mapToInt(a -> a.closedByServer.get()).sum() == FLOOD - (CAP - 1), () -> flood.toString());
            long floodMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();

            assertThat(server.openConnections()).isEqualTo(CAP);
            long before = System.nanoTime();
            RawHttp.Answer answer = owner.send(authorised).read().orElseThrow();
            long answeredMillis = Duration.ofNanos(System.nanoTime() - before).toMillis();
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body()).contains("lamp");
            assertThat(answeredMillis).as("the owner's request under the flood, ms").isLessThan(2_000);
            sampler.shutdown();
            assertThat(sampler.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
            System.out.printf("ConnectionFloodIT: %d connections in %d ms; gateway descriptors: %d before, peak %d (cap %d); "
                    + "owner answered in %d ms%n", FLOOD, floodMillis, baseline, peak.get(), CAP, answeredMillis);
            assertThat(peak.get()).as("descriptors in the gateway's JVM at the peak of the flood")
                    .isLessThanOrEqualTo(baseline + CAP + IN_REFUSAL);

            flood.forEach(Attacker::stop);
            Conditions.await("the attackers' connections closed", Duration.ofSeconds(30), () -> server.openConnections() == 1,
                    () -> server.openConnections() + " open");
            assertThat(openDescriptors()).isLessThanOrEqualTo(baseline + 8);
            try (RawHttp late = new RawHttp(address)) {
                assertThat(late.send(authorised).read().orElseThrow().status()).isEqualTo(200);
            }
        }
    }

    private int count(String reason) {
        return counted.getOrDefault(reason, new AtomicInteger()).get();
    }

    private static int openDescriptors() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return (int) fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One client process holding {@value #PER_PROCESS} idle connections (src/test/resources/hostile/idle_connections.py). */
    private final class Attacker {
        final AtomicInteger opened = new AtomicInteger(-1);
        final AtomicInteger closedByServer = new AtomicInteger();
        final Process process;
        final String source;

        Attacker(InetSocketAddress target, String source) throws IOException, URISyntaxException {
            this.source = source;
            Path script = Path.of(ConnectionFloodIT.class.getResource("/hostile/idle_connections.py").toURI());
            process = new ProcessBuilder("python3", script.toString(), target.getHostString(), String.valueOf(target.getPort()),
                    String.valueOf(PER_PROCESS), source).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            attackers.add(process);
            Thread reader = new Thread(this::read, "attacker-" + source);
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    String[] words = line.split(" ");
                    if (words[0].equals("open")) opened.set(Integer.parseInt(words[1]));
                    if (words[0].equals("closed")) closedByServer.set(Integer.parseInt(words[1]));
                }
            } catch (IOException e) {
                // the process ended
            }
        }

        /** Closes its stdin (it exits and the kernel closes its sockets), then makes sure it is gone. */
        void stop() {
            try {
                process.getOutputStream().close();
            } catch (IOException e) {
                // it is killed below anyway
            }
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }

        @Override
        public String toString() {
            return source + ": opened " + opened.get() + ", closed by the server " + closedByServer.get();
        }
    }
}
