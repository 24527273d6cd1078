package dev.hearth.app.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.hearth.tools.demo.DemoOptions;
import dev.hearth.tools.demo.DemoRun;
import dev.hearth.tools.demo.Isolation;
import dev.hearth.tools.demo.NamespaceProbe;
import dev.hearth.tools.demo.NamespacedDemo;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code hearth demo}: the one-command tour on loopback. On Linux the devices and the gateway run
 * in a private network namespace (so mDNS never touches a real interface), reached from the host
 * through relays; where no namespace can be made, everything runs here without mDNS.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = HearthVersion.class,
        description = {"The one-command tour, all on loopback: an embedded MQTT 5 broker as the cloud, simulated devices"
                + " announced by mDNS, the gateway adopting them, rooms, a share, the privacy filter and signed commands;"
                + " then the web page and the broker stay up until Ctrl-C."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the story went as expected", "1:a step failed (the output says which)", "2:invalid arguments"})
public final class DemoCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "8080", description = "Web page and API port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    private int httpPort;

    @Option(names = "--broker-port", paramLabel = "PORT", defaultValue = "1883", description = "MQTT broker port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    private int brokerPort;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop after this many seconds (default: run until Ctrl-C).")
    private Optional<Long> durationSeconds = Optional.empty();

    @Option(names = "--no-namespace", description = "Do not make a private network namespace: no mDNS, the gateway uses static device entries.")
    private boolean noNamespace;

    /** The demo proper, inside the namespace the host side made (internal). */
    @Option(names = "--inside", hidden = true)
    private boolean inside;

    @Option(names = "--relay-dir", hidden = true, paramLabel = "DIR")
    private Optional<Path> relayDir = Optional.empty();

    @Override
    public Integer call() throws Exception {
        DemoOptions options = options();
        quietLogs();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (inside) {
            if (relayDir.isEmpty()) throw new ParameterException(spec.commandLine(), "--inside needs --relay-dir");
            return new DemoRun(options, true, relayDir, relayDir.get(), out).run();
        }
        Isolation isolation = noNamespace ? new Isolation.Unavailable("--no-namespace was given") : NamespaceProbe.probe();
        if (isolation instanceof Isolation.Namespace ns) {
            out.println("hearth demo: devices and gateway run in a private network namespace (" + ns.describe()
                    + "), so mDNS stays on its loopback; 127.0.0.1:" + options.httpPort() + " (web) and 127.0.0.1:"
                    + options.brokerPort() + " (MQTT) are relayed to this machine");
            out.flush();
            return new NamespacedDemo(options, ns, HearthCli.class.getName(), out, err).run();
        }
        out.println("hearth demo: no private network namespace (" + ((Isolation.Unavailable) isolation).reason()
                + "); running without mDNS: the gateway gets the simulated devices as static entries on loopback");
        out.flush();
        Optional<String> taken = taken(options.httpPort(), "--http-port").or(() -> taken(options.brokerPort(), "--broker-port"));
        if (taken.isPresent()) {
            err.println("hearth demo: " + taken.get());
            return 1;
        }
        Path work = Files.createTempDirectory("hearth-demo-");
        try {
            return new DemoRun(options, false, Optional.empty(), work, out).run();
        } finally {
            deleteTree(work);
        }
    }

    private DemoOptions options() {
        if (durationSeconds.isPresent() && durationSeconds.get() < 1) {
            throw new ParameterException(spec.commandLine(), "--duration must be at least 1 second, got " + durationSeconds.get());
        }
        try {
            return new DemoOptions(httpPort, brokerPort, durationSeconds.map(Duration::ofSeconds));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Says so when 127.0.0.1:{@code port} is taken, before anything starts (a bind error halfway through the story helps nobody). */
    private static Optional<String> taken(int port, String flag) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1}), port));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("127.0.0.1:" + port + " is in use on this host; pick another port with " + flag + " PORT");
        }
    }

    /** The story is the output: the gateway's own INFO lines would drown it. */
    private static void quietLogs() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            logback.getLogger("dev.hearth").setLevel(Level.WARN);
            // inside the namespace no interface has a MAC address; Netty says so once, harmlessly
            logback.getLogger("io.netty.util.internal.MacAddressUtil").setLevel(Level.ERROR);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("hearth demo: could not remove " + dir + ": " + e.getMessage());
        }
    }
}
