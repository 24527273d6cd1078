package dev.hearth.core.uplink.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.config.ConfigLoader;
import dev.hearth.config.ConfigResult;
import dev.hearth.config.SecretsFile;
import dev.hearth.config.SecretsResult;
import dev.hearth.core.GatewayAssembly;
import dev.hearth.core.cloud.CloudTopics;
import dev.hearth.testkit.MosquittoBroker;
import dev.hearth.testkit.Conditions;
import dev.hearth.core.uplink.wire.PlantedValues.Category;
import dev.hearth.core.uplink.wire.WireRecords.Planted;
import dev.hearth.core.uplink.wire.WireRecords.Report;
import dev.hearth.driver.api.model.ArgSpec;
import dev.hearth.driver.api.model.DeviceModel;
import dev.hearth.driver.api.model.EventSpec;
import dev.hearth.driver.api.model.ModelCatalog;
import dev.hearth.driver.api.model.PropertySpec;
import dev.hearth.driver.api.model.ServiceSpec;
import dev.hearth.driver.api.value.ValueJson;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property-based, on the wire (issue 12): random reports of every shipped model enter the gateway where
 * every driver's reports enter it (the {@code DeviceSink} of a session the real {@code SessionTable}
 * opened, fed by {@link WireFeedDriver} from a loopback socket), go through the whole
 * {@link GatewayAssembly} (registry, uplink, privacy filter, cloud bridge, durable outbox) to a real
 * Mosquitto, and a subscriber on {@code hearth/#} checks every byte of every message: no planted
 * personal value, and no 6-byte piece of one, may appear. Declared PERSONAL/SECRET properties arrive in
 * random types and shapes; unknown fields carry planted values (in {@code detect} mode only kinds a
 * detector is expected to find). Seeded: {@code -Dhearth.wire.seed=N} replays a run,
 * {@code -Dhearth.wire.records=N} sets its size (default 100,000 per mode).
 */
class PrivacyOnTheWireIT {
    private static final int RECORDS = Integer.getInteger("hearth.wire.records", 100_000);
    private static final long SEED = Long.getLong("hearth.wire.seed", new SecureRandom().nextLong());
    private static final String HOME = "wire-home";
    private static final String GATEWAY = "gw-wire";
    private static final String OWNER = "wire-owner";
    private static final CloudTopics TOPICS = new CloudTopics(CloudTopics.DEFAULT_PREFIX, HOME, GATEWAY);
    /** Telemetry allowed between the gateway and the subscriber before feeding pauses. */
    private static final long WINDOW = 5_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static MosquittoBroker broker;

    @TempDir Path dir;

    @BeforeAll
    static void startBroker() {
        broker = MosquittoBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) broker.close();
    }

    @ParameterizedTest(name = "unknown fields: {0}")
    @ValueSource(strings = {"drop", "detect"})
    void noPlantedValueNorAnySixBytePieceOfItReachesTheBrokerWhateverItsTypeShapeOrField(String mode) throws Exception {
        long seed = SEED ^ mode.hashCode();
        String replay = "seed " + SEED + " (-Dhearth.wire.seed=" + SEED + " -Dhearth.wire.records=" + RECORDS + "), mode " + mode;
        System.out.println("PrivacyOnTheWireIT: " + replay);
        Random random = new Random(seed);
        ModelCatalog models = ModelCatalog.fromClasspath(getClass().getClassLoader());
        List<DeviceModel> shipped = models.all().stream().sorted(Comparator.comparing(DeviceModel::model)).toList();
        assertThat(shipped).as("shipped models").hasSizeGreaterThanOrEqualTo(7);

        Map<String, DeviceModel> devices = new LinkedHashMap<>();
        for (DeviceModel m : shipped) devices.put("wire-" + m.model().replace('.', '-'), m);
        Set<Long> vocabulary = vocabulary(devices);
        List<Category> unknownKinds = mode.equals("detect") ? PlantedValues.DETECTABLE : PlantedValues.ANY;
        Map<String, WireRecords> generators = new LinkedHashMap<>();
        devices.forEach((id, m) -> generators.put(id, new WireRecords(random, m, id, unknownKinds, n -> clean(n, vocabulary))));

        // Everything is drawn before the gateway starts: the index is complete before the subscriber reads it.
        List<String> deviceIds = List.copyOf(devices.keySet());
        List<Planted> planted = new ArrayList<>();
        PieceIndex index = new PieceIndex(RECORDS * 40);
        List<String[]> lines = new ArrayList<>(RECORDS);
        long eventLines = 0;
        for (int i = 0; i < RECORDS; i++) {
            String id = deviceIds.get(i % deviceIds.size());
            Report report = generators.get(id).next();
            if (report.event()) eventLines++;
            for (Planted p : report.planted()) {
                for (String needle : p.needles()) index.add(needle, planted.size());
                planted.add(p);
            }
            lines.add(new String[] {id, line(report)});
        }
        Map<String, LeakWatcher.Sentinel> sentinels = new LinkedHashMap<>();
        generators.forEach((id, g) -> sentinels.put(id, new LeakWatcher.Sentinel(g.beatKey(), g.sentinel())));

        Map<String, ServerSocket> feeds = new LinkedHashMap<>();
        InetAddress lo = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        for (String id : deviceIds) feeds.put(id, new ServerSocket(0, 1, lo));
        long started = System.nanoTime();
        FilterPath path = null;
        try (LeakWatcher watcher = new LeakWatcher(broker.uri(), CloudTopics.DEFAULT_PREFIX + "/#", index, planted, sentinels)) {
            GatewayAssembly gateway = gateway(mode, devices, feeds);
            try {
                Map<String, Writer> writers = connect(feeds);
                Counter published = null;
                for (int i = 0; i < lines.size(); i++) {
                    writers.get(lines.get(i)[0]).write(lines.get(i)[1]);
                    if (i % 100 == 99) { // at most 100 lines (a report and its events each) in flight: below a lane's 256
                        for (Writer w : writers.values()) w.flush();
                        if (published == null) published = gateway.metrics().registry().find("hearth.telemetry.messages")
                                .tag("direction", "out").counter();
                        Counter out = published;
                        // the feed has no flow control, the socket buffers hide what the driver has not read yet, and
                        // the device lanes drop a flooding device's old reports: pace it on what the driver handed on
                        // and what waits in the lanes, so every record takes the filter's path (what the test is about)
                        long written = i + 1;
                        MeterRegistry meters = gateway.metrics().registry();
                        Conditions.await("the gateway taking the feed in", Duration.ofSeconds(60),
                                () -> written - handed(meters) <= 100 && queued(meters) <= 100, watcher::describeSentinels);
                        if (out != null) {
                            Conditions.await("the subscriber keeping up with the gateway", Duration.ofSeconds(60),
                                    () -> out.count() - watcher.telemetry() <= WINDOW, watcher::describeSentinels);
                        }
                    }
                }
                for (Map.Entry<String, WireRecords> g : generators.entrySet()) {
                    Report last = g.getValue().sentinelReport();
                    if (last.event()) eventLines++;
                    writers.get(g.getKey()).write(line(last));
                }
                for (Writer w : writers.values()) w.flush();
                Conditions.await("every device's last report in telemetry and state", Duration.ofSeconds(180),
                        watcher::sawSentinels, watcher::describeSentinels);
                path = FilterPath.of(gateway, eventLines);
            } finally {
                gateway.close();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            List<LeakWatcher.Leak> leaks = watcher.leaks();
            String summary = summary(mode, planted, leaks, watcher, seconds);
            System.out.println(summary);

            System.out.println("PrivacyOnTheWireIT [" + mode + "]: " + path);
            // every record took the filter's path: none was dropped before it (the feed is paced), each one
            // the filter saw either left as telemetry or was withheld whole (and counted), and every
            // telemetry message the gateway sent reached the subscriber. A report equal to the device's
            // state changes nothing and is not filtered again, so "in" is below the record count.
            assertThat(path.laneDrops()).as("device events dropped before the filter, %s", path).isZero();
            assertThat(path.out() + path.withheld()).as("records filtered = telemetry sent + records withheld, %s", path)
                    .isEqualTo(path.in() + path.events());
            assertThat(watcher.telemetry()).as("telemetry messages that reached the broker, %s", path)
                    .isGreaterThanOrEqualTo(path.out());
            assertThat(path.in() + path.events()).as("records that reached the filter, %s", path)
                    .isGreaterThanOrEqualTo(RECORDS / 2);
            assertThat(watcher.leakyMessages()).as("messages carrying a planted value or a 6-byte piece of one, %s%n%s", replay, summary)
                    .isZero();
        } finally {
            for (ServerSocket s : feeds.values()) s.close();
        }
    }

    private static double handed(MeterRegistry meters) {
        return meters.find("hearth.driver.events").tag("counter", WireFeedDriver.LINES_HANDED).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private static double queued(MeterRegistry meters) {
        io.micrometer.core.instrument.Gauge g = meters.find("hearth.device.events.queued").gauge();
        return g == null ? 0 : g.value();
    }

    /** What the gateway counted on the way: state changes in, event records, telemetry out, records withheld, lane drops. */
    private record FilterPath(long in, long events, long out, long withheld, long laneDrops) {
        static FilterPath of(GatewayAssembly gateway, long events) {
            MeterRegistry r = gateway.metrics().registry();
            return new FilterPath(count(r.find("hearth.telemetry.messages").tag("direction", "in").counters()), events,
                    count(r.find("hearth.telemetry.messages").tag("direction", "out").counters()),
                    count(r.find("hearth.privacy.records.withheld").counters()),
                    count(r.find("hearth.driver.events").tag("counter", "device_events_dropped").counters()));
        }

        private static long count(java.util.Collection<Counter> counters) {
            return (long) counters.stream().mapToDouble(Counter::count).sum();
        }
    }

    // --- the gateway: GatewayAssembly from a config file, one static wirefeed device per model ---

    private GatewayAssembly gateway(String mode, Map<String, DeviceModel> devices, Map<String, ServerSocket> feeds) throws Exception {
        Path data = dir.resolve("data-" + mode);
        Files.createDirectories(data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        StringBuilder secrets = new StringBuilder("devices:\n");
        Random keys = new Random(1);
        HexFormat hex = HexFormat.of();
        for (String id : devices.keySet()) {
            byte[] key = new byte[16];
            keys.nextBytes(key);
            secrets.append("  ").append(id).append(": \"").append(hex.formatHex(key)).append("\"\n");
        }
        Path secretsFile = data.resolve("secrets.yaml");
        Files.createFile(secretsFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(secretsFile, secrets);
        StringBuilder y = new StringBuilder()
                .append("home: { id: ").append(HOME).append(", owner: ").append(OWNER).append(", trust: cloud }\n")
                .append("gateway: { id: ").append(GATEWAY).append(", dataDir: \"").append(data).append("\" }\n")
                .append("discovery: { enabled: false }\n")
                .append("http: { enabled: false }\n")
                .append("privacy: { unknownFields: ").append(mode).append(" }\n")
                .append("devices:\n");
        devices.forEach((id, m) -> y.append("  - { id: ").append(id).append(", protocol: ").append(WireFeedDriver.PROTOCOL)
                .append(", model: ").append(m.model()).append(", address: \"127.0.0.1:").append(feeds.get(id).getLocalPort())
                .append("\", secret: { ref: ").append(id).append(" } }\n"));
        y.append("cloud:\n  broker: \"").append(broker.uri()).append("\"\n  keepAlive: 5s\n  reconnect: { min: 200ms, max: 1s }\n");
        Path file = dir.resolve("hearth-" + mode + ".yaml");
        Files.writeString(file, y);
        ConfigResult config = new ConfigLoader(Map.of()).load(file);
        if (!(config instanceof ConfigResult.Valid valid)) throw new IllegalStateException("test config refused: " + config);
        SecretsResult loaded = SecretsFile.load(secretsFile);
        if (!(loaded instanceof SecretsResult.Loaded l)) throw new IllegalStateException("secrets refused: " + loaded);
        GatewayAssembly gateway = new GatewayAssembly(valid.config(), l.secrets(), Clock.systemUTC());
        try {
            gateway.start();
        } catch (Exception | Error e) {
            gateway.close();
            throw e;
        }
        return gateway;
    }

    private static Map<String, Writer> connect(Map<String, ServerSocket> feeds) throws Exception {
        Map<String, Writer> writers = new LinkedHashMap<>();
        for (Map.Entry<String, ServerSocket> f : feeds.entrySet()) {
            f.getValue().setSoTimeout(15_000);
            Socket s = f.getValue().accept();
            writers.put(f.getKey(), new BufferedWriter(new OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8), 1 << 16));
        }
        return writers;
    }

    private static String line(Report report) throws Exception {
        ObjectNode o = JSON.createObjectNode();
        ObjectNode fields = JSON.createObjectNode();
        report.fields().forEach((k, v) -> fields.set(k, ValueJson.toJson(v)));
        if (report.event()) {
            o.put("event", report.eventKey());
            o.set("args", fields);
        } else {
            o.set("state", fields);
        }
        return JSON.writeValueAsString(o) + "\n";
    }

    // --- what the gateway may send legitimately: a planted value must share no piece with it ---

    private static Set<Long> vocabulary(Map<String, DeviceModel> devices) {
        List<String> words = new ArrayList<>(List.of(HOME, GATEWAY, OWNER, CloudTopics.DEFAULT_PREFIX, WireFeedDriver.PROTOCOL,
                "native", "miio", "GATEWAY_STOPPING", "CONNECTION_CLOSED", "ONLINE", "OFFLINE", "UNKNOWN", "0.1.0-SNAPSHOT",
                TOPICS.status(), TOPICS.registry(), TOPICS.commands()));
        words.addAll(WireRecords.UNKNOWN_KEYS);
        words.addAll(WireRecords.ENUMS);
        words.addAll(WireRecords.HARMLESS_KEYS);
        devices.forEach((id, m) -> {
            words.add(id);
            words.add(TOPICS.telemetry(id));
            words.add(TOPICS.state(id));
            words.add(TOPICS.availability(id));
            words.add(m.model());
            words.add(m.description());
            for (ServiceSpec s : m.services()) {
                words.add(s.name());
                for (PropertySpec p : s.properties()) words.add(p.name());
                for (EventSpec e : s.events()) {
                    words.add(e.name());
                    for (ArgSpec a : e.args()) words.add(a.name());
                }
            }
        });
        Set<Long> pieces = new HashSet<>();
        for (String w : words) {
            byte[] b = w.getBytes(StandardCharsets.UTF_8);
            long key = 0;
            for (int i = 0; i < b.length; i++) {
                key = ((key << 8) | (b[i] & 0xff)) & ((1L << 48) - 1);
                if (i >= PieceIndex.PIECE - 1) pieces.add(key);
            }
        }
        return pieces;
    }

    private static boolean clean(String needle, Set<Long> vocabulary) {
        byte[] b = needle.getBytes(StandardCharsets.UTF_8);
        long key = 0;
        for (int i = 0; i < b.length; i++) {
            key = ((key << 8) | (b[i] & 0xff)) & ((1L << 48) - 1);
            if (i >= PieceIndex.PIECE - 1 && vocabulary.contains(key)) return false;
        }
        return true;
    }

    // --- the report -------------------------------------------------------------------------

    private static String group(Planted p) {
        return (p.declared() ? "declared " : "unknown ") + p.category();
    }

    private static String shapeGroup(Planted p) {
        return (p.declared() ? "declared, " : "unknown, ") + p.shape();
    }

    private static String summary(String mode, List<Planted> planted, List<LeakWatcher.Leak> leaks, LeakWatcher w, double seconds) {
        long declared = planted.stream().filter(Planted::declared).count();
        StringBuilder b = new StringBuilder();
        b.append(String.format("PrivacyOnTheWireIT [%s]: %,d records, %,d planted values (%,d in declared PERSONAL/SECRET properties, "
                        + "%,d in unknown fields); %,d messages (%,d telemetry, %,d bytes) checked in %.1f s; %,d messages leaked, "
                        + "carrying %,d planted values whole%n",
                mode, RECORDS, planted.size(), declared, planted.size() - declared, w.messages(), w.telemetry(), w.bytes(), seconds,
                w.leakyMessages(), leaks.size()));
        Map<String, long[]> byCategory = new TreeMap<>();
        for (Planted p : planted) byCategory.computeIfAbsent(group(p), k -> new long[2])[0]++;
        for (LeakWatcher.Leak l : leaks) byCategory.get(group(planted.get(l.ref())))[1]++;
        b.append("  leaked / planted, by where and category:\n");
        byCategory.forEach((k, v) -> {
            if (v[1] > 0) b.append(String.format("    %-24s %,7d / %,7d  (%.1f %%)%n", k, v[1], v[0], 100.0 * v[1] / v[0]));
        });
        Map<String, long[]> byShape = new TreeMap<>();
        Map<String, LeakWatcher.Leak> example = new TreeMap<>();
        for (Planted p : planted) byShape.computeIfAbsent(shapeGroup(p), k -> new long[2])[0]++;
        for (LeakWatcher.Leak l : leaks) {
            byShape.get(shapeGroup(planted.get(l.ref())))[1]++;
            example.putIfAbsent(shapeGroup(planted.get(l.ref())), l);
        }
        b.append("  leaked / planted, by where and shape (with the first leak of each):\n");
        byShape.forEach((k, v) -> {
            LeakWatcher.Leak e = example.get(k);
            b.append(String.format("    %-40s %,7d / %,7d  (%5.1f %%)%s%n", k, v[1], v[0], 100.0 * v[1] / v[0], e == null ? ""
                    : "   e.g. " + planted.get(e.ref()).model() + " " + planted.get(e.ref()).field() + " " + planted.get(e.ref()).category()
                    + " " + planted.get(e.ref()).needles() + " at " + e.where()));
        });
        Map<String, List<LeakWatcher.Leak>> byField = new TreeMap<>();
        for (LeakWatcher.Leak l : leaks) {
            Planted p = planted.get(l.ref());
            String k = String.format("%-18s %-16s %-8s %-13s %s", p.model(), p.field(), p.declared() ? "declared" : "unknown",
                    p.category(), p.shape());
            byField.computeIfAbsent(k, x -> new ArrayList<>()).add(l);
        }
        if (!byField.isEmpty()) b.append("  the fields and shapes that leak most (model, field, where, category, shape):\n");
        byField.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, List<LeakWatcher.Leak>> e) -> -e.getValue().size()))
                .limit(40)
                .forEach(e -> {
                    LeakWatcher.Leak first = e.getValue().get(0);
                    Planted p = planted.get(first.ref());
                    b.append(String.format("  %6d x %s   e.g. %s on %s at %s%n", e.getValue().size(), e.getKey(), p.needles(),
                            first.topic().substring(first.topic().lastIndexOf('/') + 1), first.where()));
                });
        if (byField.size() > 40) b.append("  ... ").append(byField.size() - 40).append(" more groups\n");
        List<LeakWatcher.Partial> partials = w.partials();
        if (!partials.isEmpty()) {
            b.append(String.format("  messages with only pieces of planted values (cut or reformatted), first %d:%n", Math.min(10, partials.size())));
            partials.stream().limit(10).forEach(p -> b.append(String.format("    %s at %s: %s%n",
                    p.topic().substring(p.topic().lastIndexOf('/') + 1), p.where(), p.excerpt())));
        }
        return b.toString();
    }
}
