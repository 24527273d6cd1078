package dev.hearth.tools.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The host side of {@code hearth demo} on Linux: relays the host's 127.0.0.1 web and broker
 * ports into a temporary directory of Unix sockets, starts the demo proper in a child process
 * inside a private network namespace ({@code unshare --net ... java ... demo --inside}), forwards
 * its output, and on Ctrl-C or at the end stops it and removes the directory.
 */
public final class NamespacedDemo {
    /** Socket file names in the relay directory, shared with the inside part. */
    public static final String HTTP_SOCKET = "http.sock";
    public static final String BROKER_SOCKET = "mqtt.sock";
    /** How long the child may take to stop on its own before it is killed. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final DemoOptions options;
    private final Isolation.Namespace namespace;
    private final PrintWriter out;
    private final PrintWriter err;
    private final String mainClass;

    /**
     * @param mainClass the launcher's main class, run again inside the namespace with {@code demo --inside}
     *                  (the app passes its own: the tools never name the app)
     */
    public NamespacedDemo(DemoOptions options, Isolation.Namespace namespace, String mainClass, PrintWriter out, PrintWriter err) {
        this.mainClass = Objects.requireNonNull(mainClass, "mainClass");
        this.options = Objects.requireNonNull(options, "options");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
    }

    /**
     * The child's command line: bring up the namespace's loopback, give it the miIO devices'
     * addresses (jmdns needs each on an interface), then run the same Java, class path and CLI.
     */
    public static List<String> childCommand(Isolation.Namespace namespace, String java, String classPath,
                                            String mainClass, DemoOptions options, Path relayDir) {
        StringBuilder script = new StringBuilder("PATH=" + NamespaceProbe.SBIN_PATH + ":$PATH; ip link set lo up");
        for (InetAddress a : DemoDevices.miioAddresses()) {
            script.append(" && ip addr replace ").append(a.getHostAddress()).append("/32 dev lo");
        }
        script.append(" && exec \"$@\"");
        List<String> command = new ArrayList<>(namespace.unshare());
        // the class path and paths travel as arguments, never through the shell's parser
        command.addAll(List.of("sh", "-c", script.toString(), "sh", java, "-cp", classPath,
                mainClass, "demo", "--inside", "--relay-dir", relayDir.toString(),
                "--http-port", Integer.toString(options.httpPort()), "--broker-port", Integer.toString(options.brokerPort())));
        options.duration().ifPresent(d -> command.addAll(List.of("--duration", Long.toString(d.toSeconds()))));
        return command;
    }

    /** Runs the demo to its end; the exit code is the child's (1 when it could not start). */
    public int run() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("hearth-demo-");
        List<SocketRelay> relays = new ArrayList<>();
        List<Thread> forwards = new ArrayList<>();
        AtomicReference<Process> child = new AtomicReference<>();
        AtomicBoolean cleaned = new AtomicBoolean();
        // one cleanup for both ways out: the normal end and Ctrl-C (the JVM exits when the hook ends)
        Runnable cleanup = () -> {
            if (!cleaned.compareAndSet(false, true)) return;
            Process p = child.get();
            if (p != null) stop(p);
            for (Thread t : forwards) joinQuietly(t);
            for (SocketRelay r : relays) closeQuietly(r);
            deleteTree(dir);
            out.flush();
            err.flush();
        };
        Thread hook = new Thread(cleanup, "demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            InetAddress lo = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
            relays.add(relay(new InetSocketAddress(lo, options.httpPort()), dir.resolve(HTTP_SOCKET), "--http-port"));
            relays.add(relay(new InetSocketAddress(lo, options.brokerPort()), dir.resolve(BROKER_SOCKET), "--broker-port"));
            String java = ProcessHandle.current().info().command().orElse("java");
            Process p = new ProcessBuilder(childCommand(namespace, java, System.getProperty("java.class.path"), mainClass, options, dir)).start();
            child.set(p);
            forwards.add(forward(p.getInputStream(), out, "demo-out"));
            forwards.add(forward(p.getErrorStream(), err, "demo-err"));
            if (options.duration().isEmpty()) {
                p.waitFor();
            } else if (!p.waitFor(options.duration().get().plus(STOP_GRACE).plusSeconds(60).toMillis(), TimeUnit.MILLISECONDS)) {
                err.println("hearth demo: the demo did not stop on time; stopping it");
                stop(p);
            }
            cleanup.run();
            return p.exitValue();
        } catch (RelayPortInUse e) {
            err.println("hearth demo: " + e.getMessage());
            return 1;
        } finally {
            cleanup.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook runs the same cleanup
            }
        }
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(SocketRelay r) {
        try {
            r.close();
        } catch (IOException e) {
            // the relay's socket file goes with the directory
        }
    }

    /** Asks the child to stop (it closes its devices, gateway and broker), then kills it if it hangs. */
    private static void stop(Process child) {
        if (!child.isAlive()) return;
        child.destroy();
        try {
            if (!child.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) child.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static SocketRelay relay(InetSocketAddress host, Path socket, String flag) throws IOException {
        try {
            return SocketRelay.start(host, UnixDomainSocketAddress.of(socket));
        } catch (java.net.BindException e) {
            throw new RelayPortInUse("127.0.0.1:" + host.getPort() + " is in use on this host; pick another port with "
                    + flag + " PORT");
        }
    }

    private static Thread forward(InputStream from, PrintWriter to, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    synchronized (to) {
                        to.println(line);
                        to.flush();
                    }
                }
            } catch (IOException e) {
                // the child is gone: nothing more to forward
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException | UncheckedIOException e) {
            // a leftover temp directory is harmless; say where it is
            System.err.println("hearth demo: could not remove " + dir + ": " + e.getMessage());
        }
    }

    /** The host port a relay needs is taken. */
    private static final class RelayPortInUse extends IOException {
        RelayPortInUse(String message) {
            super(message);
        }
    }
}
