package dev.hearth.app.cli;

import dev.hearth.core.GatewayAssembly;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hearth run --config FILE}: the gateway, until interrupted (or for {@code --duration}). */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        versionProvider = HearthVersion.class,
        description = "Run the gateway: discovery, device sessions, registry, cloud bridge, local HTTP API.",
        exitCodeListHeading = "%nExit codes:%n",
        footer = {"%nSIGHUP (systemctl reload hearth) checks the configuration file again without stopping:",
                "a file that does not load is refused and logged; changed sections are named (they need a restart)."},
        exitCodeList = {"0:stopped cleanly", "1:failed while running", "2:invalid configuration or arguments"})
public final class RunCommand implements Callable<Integer> {
    @ParentCommand
    private HearthCli parent;

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "The YAML configuration file.")
    private Path configFile;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop after this many seconds (default: run until Ctrl-C).")
    private Optional<Long> durationSeconds = Optional.empty();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        var loaded = ConfigFiles.load(configFile, parent.environment(), spec.commandLine().getErr());
        if (loaded.isEmpty()) return 2;
        GatewayAssembly gateway = new GatewayAssembly(loaded.get().config(), loaded.get().secrets(), Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            gateway.close();
            stopped.countDown();
        }, "hearth-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        gateway.start();
        ConfigReload reload = new ConfigReload(configFile, parent.environment(), loaded.get().config(), gateway.metrics().registry());
        // without a handler the JVM treats SIGHUP as a request to stop; systemctl reload sends it
        sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> reload.reload());
        gateway.httpAddress().ifPresent(a -> out.printf("web page and API on http://%s:%d/ (token in %s)%n",
                a.getHostString(), a.getPort(), loaded.get().config().gateway().dataDir().resolve("api-token")));
        out.flush();
        if (durationSeconds.isPresent()) {
            if (!stopped.await(Duration.ofSeconds(durationSeconds.get()).toMillis(), TimeUnit.MILLISECONDS)) {
                Runtime.getRuntime().removeShutdownHook(hook);
                gateway.close();
            }
        } else {
            stopped.await();
        }
        return 0;
    }
}
