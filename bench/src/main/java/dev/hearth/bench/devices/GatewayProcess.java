package dev.hearth.bench.devices;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code hearth run --config FILE} in its own JVM. Its log (stderr) goes to the workspace; its
 * stdout is read for the line naming the local API's address. Closing sends SIGTERM (the gateway's
 * shutdown hook stops it cleanly) and kills it if it has not exited within 20 s.
 */
public final class GatewayProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("web page and API on (http://[0-9.]+:\\d+)/");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final BenchWorkspace ws;
    private final Thread killOnExit;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(REQUEST_TIMEOUT).build();
    private final CompletableFuture<URI> api = new CompletableFuture<>();
    private volatile String token = "";

    private GatewayProcess(Process process, BenchWorkspace ws) {
        this.process = process;
        this.ws = ws;
        this.killOnExit = new Thread(process::destroyForcibly, "bench-kill-gateway");
        Runtime.getRuntime().addShutdownHook(killOnExit);
        Thread reader = new Thread(this::readStdout, "bench-gateway-stdout");
        reader.setDaemon(true);
        reader.start();
        process.onExit().thenRun(() -> api.completeExceptionally(new IOException(
                "the gateway exited with code " + process.exitValue() + " before its API was up; last log lines:\n" + logTail())));
    }

    /** Starts the gateway on the workspace's config file. */
    public static GatewayProcess start(GatewayLaunch launch, BenchWorkspace ws) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(launch.command("run", "--config", ws.configFile().toString()))
                .redirectError(ws.gatewayLog().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return new GatewayProcess(pb.start(), ws);
    }

    public long pid() {
        return process.pid();
    }

    /** Waits until the gateway printed its API address (it does so once every device session is opened). */
    public URI awaitApi(Duration timeout) throws IOException, InterruptedException {
        try {
            URI uri = api.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            token = Files.readString(ws.dataDir().resolve("api-token"), StandardCharsets.US_ASCII).strip();
            return uri;
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("the gateway's API was not up within " + timeout.toSeconds() + " s; last log lines:\n" + logTail());
        }
    }

    /** GET {@code path}, with the API token; throws on a non-200 answer. */
    public String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IOException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        return r.body();
    }

    /** How many native devices the gateway counts ONLINE ({@code hearth_devices} on {@code /metrics}). */
    int nativeOnline() throws IOException, InterruptedException {
        return (int) MetricsText.sum(get("/metrics"), "hearth_devices", java.util.Map.of("protocol", "native", "status", "online"));
    }

    /**
     * Polls {@code /metrics} every 200 ms until {@code count} devices are ONLINE; returns the time
     * since {@code startNanos} (a {@link System#nanoTime()}) when seen, or empty after {@code timeout}.
     */
    public java.util.Optional<Duration> awaitOnline(int count, long startNanos, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = startNanos + timeout.toNanos();
        long nextProgress = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            int online = nativeOnline();
            if (online >= count) return java.util.Optional.of(Duration.ofNanos(System.nanoTime() - startNanos));
            if (System.nanoTime() > nextProgress) {
                System.out.printf("  ... %d/%d online after %.1f s%n", online, count, (System.nanoTime() - startNanos) / 1e9);
                nextProgress += 5_000_000_000L;
            }
            Thread.sleep(200);
        }
        return java.util.Optional.empty();
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(api.join().resolve(path)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token);
    }

    HttpClient http() {
        return http;
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(ws.gatewayLog(), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void readStdout() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                Matcher m = LISTENING.matcher(line);
                if (m.find()) api.complete(URI.create(m.group(1)));
            }
        } catch (IOException e) {
            api.completeExceptionally(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                System.err.println("bench: the gateway did not stop within 20 s of SIGTERM; killing it");
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException exiting) {
                // the JVM is already shutting down: the hook runs anyway
            }
        }
    }
}
