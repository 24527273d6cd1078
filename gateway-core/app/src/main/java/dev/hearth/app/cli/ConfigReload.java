package dev.hearth.app.cli;

import dev.hearth.config.HearthConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code kill -HUP} (systemctl reload hearth) does to a running gateway: reads the
 * configuration file again and checks it, and never stops the gateway. A file that does not load
 * is refused with every problem logged and {@code hearth_config_reloads_total{result="refused"}}
 * counted; the gateway keeps the configuration it runs with. A valid file is compared with the
 * running one, section by section, and the changed sections are named: none is applied live yet,
 * so each needs a restart.
 */
final class ConfigReload {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigReload.class);

    /** The outcome of one reload, for the log and the tests. */
    sealed interface Outcome {
        record Refused(List<String> problems) implements Outcome {
        }

        record NeedsRestart(List<String> sections) implements Outcome {
        }

        record Unchanged() implements Outcome {
        }

        record Busy() implements Outcome {
        }
    }

    private final Path configFile;
    private final Map<String, String> env;
    private final HearthConfig running;
    private final Counter refused;
    private final Counter needsRestart;
    private final Counter unchanged;
    private final AtomicBoolean inProgress = new AtomicBoolean();

    ConfigReload(Path configFile, Map<String, String> env, HearthConfig running, MeterRegistry registry) {
        this.configFile = configFile;
        this.env = Map.copyOf(env);
        this.running = running;
        this.refused = counter(registry, "refused");
        this.needsRestart = counter(registry, "needs_restart");
        this.unchanged = counter(registry, "unchanged");
    }

    private static Counter counter(MeterRegistry registry, String result) {
        return Counter.builder("hearth_config_reloads").description("configuration reloads (SIGHUP) by outcome")
                .tag("result", result).register(registry);
    }

    Outcome reload() {
        // signals arrive on threads of their own: a second HUP during a reload is dropped, not queued
        if (!inProgress.compareAndSet(false, true)) {
            LOG.warn("configuration reload already in progress; this SIGHUP is ignored");
            return new Outcome.Busy();
        }
        try {
            StringWriter problems = new StringWriter();
            Optional<ConfigFiles.Loaded> loaded = ConfigFiles.load(configFile, env, new PrintWriter(problems));
            if (loaded.isEmpty()) {
                refused.increment();
                List<String> lines = problems.toString().lines().toList();
                LOG.error("configuration reload refused: {} does not load; the gateway keeps running with the configuration "
                        + "it started with. Problems: {}", configFile, String.join("; ", lines));
                return new Outcome.Refused(lines);
            }
            List<String> changed = changedSections(running, loaded.get().config());
            if (changed.isEmpty()) {
                unchanged.increment();
                LOG.info("configuration reload: {} is valid and unchanged", configFile);
                return new Outcome.Unchanged();
            }
            needsRestart.increment();
            LOG.warn("configuration reload: {} is valid; changed sections {} are not applied live and need a restart "
                    + "(systemctl restart hearth); the gateway keeps running with the configuration it started with",
                    configFile, changed);
            return new Outcome.NeedsRestart(changed);
        } finally {
            inProgress.set(false);
        }
    }

    static List<String> changedSections(HearthConfig a, HearthConfig b) {
        List<String> changed = new ArrayList<>();
        if (!a.home().equals(b.home())) changed.add("home");
        if (!a.gateway().equals(b.gateway())) changed.add("gateway");
        if (!a.discovery().equals(b.discovery())) changed.add("discovery");
        if (!a.devices().equals(b.devices()) || a.allowInsecureV1() != b.allowInsecureV1()) changed.add("devices");
        if (!a.cloud().equals(b.cloud())) changed.add("cloud");
        if (!a.http().equals(b.http())) changed.add("http");
        if (!a.privacy().equals(b.privacy())) changed.add("privacy");
        if (!a.online().equals(b.online())) changed.add("online");
        return changed;
    }
}
