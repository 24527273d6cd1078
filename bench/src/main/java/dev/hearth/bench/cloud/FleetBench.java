package dev.hearth.bench.cloud;

import dev.hearth.testkit.MosquittoBroker;
import dev.hearth.testkit.fleet.ArtemisCluster;
import dev.hearth.testkit.fleet.FleetHome;
import dev.hearth.testkit.fleet.HomeRules;
import dev.hearth.testkit.fleet.HomeSecurityManager;
import dev.hearth.testkit.fleet.MosquittoFleet;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./hearth bench fleet [--gateways N] [--devices N] [--seconds S] [--only artemis|mosquitto]}:
 * a fleet of gateways (the real cloud bridge each: outbox in its own SQLite file, MQTT link with its
 * own credentials) against a two-node Artemis cluster enforcing the per-home rules, with node 1
 * killed halfway; then the same load against one Mosquitto with the generated ACL file, in the same
 * run. Every device reports once a second. Prints the connect storm, the delivered rate,
 * end-to-end latency (enqueue at the bridge to the cloud subscriber), losses, duplicates, the time
 * until every gateway is back after the kill, the broker's CPU and memory, and the JVM's heap.
 */
public final class FleetBench {
    private FleetBench() {
    }

    public static void main(String[] args) throws Exception {
        int gateways = intArg(args, "--gateways", 200);
        int devices = intArg(args, "--devices", 20);
        int seconds = intArg(args, "--seconds", 60);
        String only = stringArg(args, "--only", "both");
        System.out.printf("fleet bench: %d gateways x %d devices at 1 msg/s per device (%d msg/s), %d s per broker; cores=%d, load=%.1f%n",
                gateways, devices, gateways * devices, seconds, Runtime.getRuntime().availableProcessors(), load());
        List<FleetHome> homes = new ArrayList<>();
        for (int g = 0; g < gateways; g++) homes.add(new FleetHome(String.format("home-%03d", g), String.format("gw-%03d", g), "pw-" + g + "-" + Long.toHexString(System.nanoTime())));
        String cloudPassword = Long.toHexString(System.nanoTime()) + "c";
        var rules = new HomeRules("hearth/v1", homes, "hearth-cloud", cloudPassword);
        Path dir = Files.createTempDirectory("hearth-bench-fleet-");
        if (!only.equals("mosquitto")) {
            var security = new HomeSecurityManager(rules);
            try (var cluster = ArtemisCluster.start(2, dir.resolve("artemis"), Optional.of(security))) {
                List<List<URI>> orders = new ArrayList<>();
                for (int g = 0; g < gateways; g++) {
                    orders.add(g % 2 == 0 ? List.of(cluster.mqtt(0), cluster.mqtt(1)) : List.of(cluster.mqtt(1), cluster.mqtt(0)));
                }
                var run = new FleetRun("artemis (2 nodes, node 1 killed at " + seconds / 2 + " s)", rules, cloudPassword, devices,
                        cluster.mqtt(0), orders, dir.resolve("artemis-gw"), BrokerUsage.inThisJvm("ActiveMQ", "activemq", "Thread-"));
                run.run(seconds, Optional.of(new FleetRun.Kill(() -> cluster.kill(1), cluster.mqtt(1))));
                System.out.printf("  artemis: per-home checks refused %d, bad logins %d%n", security.refused(), security.badLogins());
            }
        }
        if (!only.equals("artemis")) {
            MosquittoBroker mosquitto = MosquittoFleet.start(rules);
            try {
                List<List<URI>> orders = new ArrayList<>();
                for (int g = 0; g < gateways; g++) orders.add(List.of(mosquitto.uri()));
                var run = new FleetRun("mosquitto (1 node, ACL file)", rules, cloudPassword, devices, mosquitto.uri(), orders,
                        dir.resolve("mosquitto-gw"), BrokerUsage.process(mosquitto.pid()));
                run.run(seconds, Optional.empty());
            } finally {
                mosquitto.close();
            }
        }
        System.exit(0); // Artemis and Paho leave non-daemon threads behind
    }

    static double load() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (Exception e) {
            return -1;
        }
    }

    private static int intArg(String[] args, String name, int fallback) {
        return Integer.parseInt(stringArg(args, name, Integer.toString(fallback)));
    }

    private static String stringArg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) if (args[i].equals(name)) return args[i + 1];
        return fallback;
    }
}
