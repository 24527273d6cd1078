package dev.hearth.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto 2 for integration tests: {@code /usr/sbin/mosquitto -c <generated conf>} on a
 * free port of 127.0.0.1, anonymous or with one user, no persistence, no queue limit; optionally a TLS listener.
 * Stop and restart keep the port. Its log goes to {@code mosquitto.log} in its directory.
 */
public final class MosquittoBroker implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/sbin/mosquitto");

    /** A TLS listener: server certificate and key (PEM), the CA that clients must be signed by if required. */
    public record Tls(Path caFile, Path certFile, Path keyFile, boolean requireClientCertificate) { }

    /** The one user allowed to connect; anonymous clients are then refused. */
    public record Credentials(String username, String password) { }

    private final Path dir;
    private final int port;
    private final Optional<Integer> tlsPort;
    private Process process;

    private MosquittoBroker(Path dir, int port, Optional<Integer> tlsPort) {
        this.dir = dir;
        this.port = port;
        this.tlsPort = tlsPort;
    }

    public static MosquittoBroker start() {
        return start(Optional.empty());
    }

    public static MosquittoBroker start(Optional<Tls> tls) {
        return start(tls, Optional.empty());
    }

    public static MosquittoBroker start(Optional<Tls> tls, Optional<Credentials> credentials) {
        return start(tls, credentials, "");
    }

    /** Plain, anonymous, with {@code extraConfig} (whole mosquitto.conf lines, e.g. {@code max_packet_size 4096}). */
    public static MosquittoBroker withConfig(String extraConfig) {
        return start(Optional.empty(), Optional.empty(), extraConfig);
    }

    private static MosquittoBroker start(Optional<Tls> tls, Optional<Credentials> credentials, String extraConfig) {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("Mosquitto is not installed (" + BINARY + "): apt-get install mosquitto");
        }
        try {
            // Mosquitto started as root drops to the mosquitto user: everything it reads must be world-readable.
            Path dir = Files.createTempDirectory("hearth-mosquitto-");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            int port = FreePort.pick();
            Optional<Integer> tlsPort = tls.map(t -> FreePort.pick());
            var conf = new StringBuilder()
                    .append("listener ").append(port).append(" 127.0.0.1\n")
                    .append("allow_anonymous ").append(credentials.isEmpty()).append('\n')
                    .append("persistence false\n")
                    .append("max_queued_messages 0\n")
                    .append("log_dest stderr\n")
                    .append("log_type error\nlog_type warning\nlog_type notice\n");
            conf.append(extraConfig.isEmpty() || extraConfig.endsWith("\n") ? extraConfig : extraConfig + "\n");
            if (credentials.isPresent()) conf.append("password_file ").append(passwordFile(dir, credentials.get())).append('\n');
            if (tls.isPresent()) {
                Tls t = tls.get();
                Path ca = readable(dir, t.caFile(), "ca.pem");
                Path cert = readable(dir, t.certFile(), "server.pem");
                Path key = readable(dir, t.keyFile(), "server.key");
                conf.append("listener ").append(tlsPort.get()).append(" 127.0.0.1\n")
                        .append("cafile ").append(ca).append('\n')
                        .append("certfile ").append(cert).append('\n')
                        .append("keyfile ").append(key).append('\n')
                        .append("require_certificate ").append(t.requireClientCertificate()).append('\n');
            }
            Path file = dir.resolve("mosquitto.conf");
            Files.writeString(file, conf);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            var broker = new MosquittoBroker(dir, port, tlsPort);
            broker.launch();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Mosquitto", e);
        }
    }

    /** A Mosquitto password file made by {@code mosquitto_passwd}, readable by the broker's user. */
    private static Path passwordFile(Path dir, Credentials c) throws IOException {
        Path file = dir.resolve("passwd");
        Process p = new ProcessBuilder("mosquitto_passwd", "-b", "-c", file.toString(), c.username(), c.password())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("mosquitto_passwd failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making the password file", e);
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }

    private static Path readable(Path dir, Path source, String name) throws IOException {
        Path copy = dir.resolve(name);
        Files.copy(source, copy);
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r--r--"));
        return copy;
    }

    private void launch() throws IOException {
        process = new ProcessBuilder(BINARY.toString(), "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile()))
                .start();
        waitAccepting(port);
        tlsPort.ifPresent(MosquittoBroker::waitAccepting);
    }

    private static void waitAccepting(int port) {
        Conditions.until(Duration.ofSeconds(10), () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return true;
            } catch (IOException e) {
                return false;
            }
        }, () -> "Mosquitto accepting on 127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    public URI uri() {
        return URI.create("tcp://127.0.0.1:" + port);
    }

    public URI tlsUri() {
        return URI.create("ssl://127.0.0.1:" + tlsPort.orElseThrow(() -> new IllegalStateException("no TLS listener")));
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("mosquitto.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The broker's process id (for benchmarks that read its CPU time and memory); -1 while stopped. */
    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    public synchronized void stop() {
        if (process == null) return;
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Starts it again on the same port(s); with persistence off, all sessions and retained messages are gone. */
    public synchronized void restart() {
        stop();
        try {
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restart Mosquitto", e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
