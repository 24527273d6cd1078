package dev.hearth.core.uplink.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.driver.api.Announcement;
import dev.hearth.driver.api.CommandFailure;
import dev.hearth.driver.api.CommandOutcome;
import dev.hearth.driver.api.DeviceCommand;
import dev.hearth.driver.api.DeviceDriver;
import dev.hearth.driver.api.DeviceEvent;
import dev.hearth.driver.api.DeviceSession;
import dev.hearth.driver.api.DeviceSink;
import dev.hearth.driver.api.DiscoveredDevice;
import dev.hearth.driver.api.DriverContext;
import dev.hearth.driver.api.DriverCounters;
import dev.hearth.driver.api.OfflineReason;
import dev.hearth.driver.api.value.Value;
import dev.hearth.driver.api.value.ValueJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test-only driver, protocol {@value #PROTOCOL}, found by the gateway's own {@code ServiceLoader}
 * call (the test class path's {@code META-INF/services}): a device is a TCP server on loopback (the
 * test) that streams JSON lines, each one report, {@code {"state":{key:value,...}}} or
 * {@code {"event":"2.1","args":{...}}}. The session turns each line into a {@link DeviceEvent} and hands
 * it to the sink the core gave it: the same entry every real driver reports through, with no validation
 * of its own, so whatever a device sends reaches the core's registry, filter and bridge unchanged.
 * It claims no mDNS service type and recognises nothing, so it is inert in every other test.
 */
public final class WireFeedDriver implements DeviceDriver {
    public static final String PROTOCOL = "wirefeed";

    private final List<FeedSession> sessions = new CopyOnWriteArrayList<>();
    /** Counted once per line handed to the sink: a test paces its feed on it (the socket buffers hide what waits). */
    public static final String LINES_HANDED = "wirefeed_lines_handed";

    private volatile Clock clock = Clock.systemUTC();
    private volatile DriverCounters counters = DriverCounters.NONE;

    @Override public String protocol() { return PROTOCOL; }
    @Override public Set<String> serviceTypes() { return Set.of(); }
    @Override public Optional<DiscoveredDevice> recognize(Announcement announcement) { return Optional.empty(); }

    @Override
    public void start(DriverContext context) {
        clock = context.clock();
        counters = context.counters();
    }

    @Override
    public DeviceSession open(DiscoveredDevice device, DeviceSink sink) {
        FeedSession s = new FeedSession(device, sink, clock, counters);
        sessions.add(s);
        s.start();
        return s;
    }

    @Override
    public void stop() {
        sessions.forEach(FeedSession::close);
        sessions.clear();
    }

    /** One device: a reader thread (test code: a handful of devices, so a thread each is fine). */
    private static final class FeedSession implements DeviceSession {
        private static final ObjectMapper JSON = new ObjectMapper();

        private final DiscoveredDevice device;
        private final DeviceSink sink;
        private final Clock clock;
        private final DriverCounters counters;
        private final Thread reader;
        private volatile Socket socket;
        private volatile boolean closed;

        FeedSession(DiscoveredDevice device, DeviceSink sink, Clock clock, DriverCounters counters) {
            this.device = device;
            this.sink = sink;
            this.clock = clock;
            this.counters = counters;
            this.reader = new Thread(this::run, "wirefeed-" + device.deviceId());
            reader.setDaemon(true);
        }

        void start() {
            reader.start();
        }

        private void run() {
            try (Socket s = new Socket()) {
                socket = s;
                s.connect(device.address(), 5_000);
                sink.accept(new DeviceEvent.CameOnline(1, Optional.empty(), clock.instant()));
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8), 1 << 16);
                for (String line = in.readLine(); line != null && !closed; line = in.readLine()) {
                    report(JSON.readTree(line));
                    counters.increment(LINES_HANDED, "ok");
                }
            } catch (IOException e) {
                if (closed) return;
            }
            if (!closed) sink.accept(new DeviceEvent.WentOffline(1, OfflineReason.CONNECTION_CLOSED, "the feed ended", clock.instant()));
        }

        private void report(JsonNode line) {
            if (line.has("event")) {
                sink.accept(new DeviceEvent.EventTriggered(line.get("event").asText(), fields(line.get("args")), clock.instant()));
            } else {
                sink.accept(new DeviceEvent.StateReported(fields(line.get("state")), clock.instant()));
            }
        }

        private static Map<String, Value> fields(JsonNode o) {
            Map<String, Value> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), ValueJson.fromJson(e.getValue()));
            }
            return out;
        }

        @Override public String deviceId() { return device.deviceId(); }

        @Override
        public CompletionStage<CommandOutcome> execute(DeviceCommand command, Duration timeout) {
            return CompletableFuture.failedFuture(new CommandFailure(CommandFailure.Code.DEVICE_OFFLINE, "a feed takes no commands"));
        }

        @Override public void addressChanged(InetSocketAddress address) { }

        @Override
        public void close() {
            closed = true;
            Socket s = socket;
            if (s != null) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }
}
