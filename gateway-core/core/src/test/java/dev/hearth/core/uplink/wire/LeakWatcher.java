package dev.hearth.core.uplink.wire;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.hearth.protocols.cloud.v1.Availability;
import dev.hearth.protocols.cloud.v1.GatewayStatus;
import dev.hearth.protocols.cloud.v1.Registry;
import dev.hearth.protocols.cloud.v1.DeviceState;
import dev.hearth.protocols.cloud.v1.Property;
import dev.hearth.protocols.cloud.v1.Telemetry;
import dev.hearth.protocols.cloud.v1.Value;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The cloud's side: a Paho v5 subscriber on {@code hearth/#} that looks at every message (topic and
 * payload) for a 6-byte piece of a planted value: decoded, for the gateway's message types (every string,
 * every device value's number as its text, and the raw bytes of fields the schema does not know), and
 * byte by byte for anything else. A message with a piece in it is
 * a leak; it is then told which planted values it carries whole (a leak of that value) and whether some
 * piece belongs to none of them (a partial leak: a value cut, reformatted or merged). Keeps only what
 * leaked and counts, so it holds no payloads. Also notices each device's sentinel (its last report) in
 * telemetry and in state, which tells the test that everything before it went through.
 */
final class LeakWatcher implements AutoCloseable {
    /** One planted value seen whole on the wire: where it was found. */
    record Leak(int ref, String topic, String where) { }

    /** A message with a piece of a planted value but none of them whole in it. */
    record Partial(String topic, String where, String excerpt) { }

    /** Text of one decoded value, with its path in the message. */
    private record Leaf(String path, String text) { }

    private final PieceIndex index;
    private final List<WireRecords.Planted> planted;
    private final List<Partial> partials = new ArrayList<>();
    private final AtomicLong leakyMessages = new AtomicLong();
    private final Map<String, Sentinel> sentinels;
    private final MqttAsyncClient client;
    private final BitSet leaked = new BitSet();
    private final List<Leak> leaks = new ArrayList<>();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong telemetry = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final Set<String> sentinelTelemetry = ConcurrentHashMap.newKeySet();
    private final Set<String> sentinelState = ConcurrentHashMap.newKeySet();

    /** A device's beat property and its last-report value. */
    record Sentinel(String key, dev.hearth.driver.api.value.Value value) { }

    LeakWatcher(URI broker, String filter, PieceIndex index, List<WireRecords.Planted> planted, Map<String, Sentinel> sentinels)
            throws MqttException {
        this.index = index;
        this.planted = List.copyOf(planted);
        this.sentinels = Map.copyOf(sentinels);
        client = new MqttAsyncClient(broker.toString(), "wire-watch-" + System.nanoTime(), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override public void messageArrived(String topic, MqttMessage m) { look(topic, m.getPayload()); }
            @Override public void disconnected(MqttDisconnectResponse r) { }
            @Override public void mqttErrorOccurred(MqttException e) { }
            @Override public void deliveryComplete(IMqttToken t) { }
            @Override public void connectComplete(boolean reconnect, String uri) { }
            @Override public void authPacketArrived(int code, MqttProperties p) { }
        });
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setReceiveMaximum(65_535);
        client.connect(o).waitForCompletion(10_000);
        client.subscribe(filter, 1).waitForCompletion(10_000);
    }

    private void look(String topic, byte[] payload) {
        messages.incrementAndGet();
        bytes.addAndGet(payload.length);
        boolean leaky = index.hits(topic.getBytes(StandardCharsets.UTF_8));
        List<Leaf> leaves = new ArrayList<>();
        // Decoded, every string and number is looked at as text; the raw bytes only when the message is
        // of no known type (binary doubles such as 12.1 = 0x4028333333333333 hold "333333" by chance).
        try {
            if (topic.endsWith("/telemetry")) {
                Telemetry t = Telemetry.parseFrom(payload);
                telemetry.incrementAndGet();
                leaky |= unknownFields(t);
                leaves.add(new Leaf("device", t.getDevice()));
                for (Property p : t.getChangesList()) {
                    leaves.add(new Leaf("key", p.getKey()));
                    walk(p.getValue(), "changes." + p.getKey(), leaves);
                    if (isSentinel(t.getDevice(), p)) sentinelTelemetry.add(t.getDevice());
                }
                leaves.add(new Leaf("event", t.getEvent().getKey() + " " + t.getEvent().getName()));
                t.getEvent().getArgsMap().forEach((k, v) -> {
                    leaves.add(new Leaf("key", k));
                    walk(v, "event.args." + k, leaves);
                });
            } else if (topic.endsWith("/state")) {
                DeviceState s = DeviceState.parseFrom(payload);
                leaky |= unknownFields(s);
                leaves.add(new Leaf("device", s.getDevice() + " " + s.getModel()));
                for (Property p : s.getPropertiesList()) {
                    leaves.add(new Leaf("key", p.getKey()));
                    walk(p.getValue(), "state." + p.getKey(), leaves);
                    if (isSentinel(s.getDevice(), p)) sentinelState.add(s.getDevice());
                }
            } else if (topic.endsWith("/availability")) {
                fields(Availability.parseFrom(payload), "availability", leaves);
            } else if (topic.endsWith("/status")) {
                fields(GatewayStatus.parseFrom(payload), "status", leaves);
            } else if (topic.endsWith("/registry")) {
                fields(Registry.parseFrom(payload), "registry", leaves);
            } else {
                leaky |= index.hits(payload);
            }
        } catch (InvalidProtocolBufferException e) {
            leaky |= index.hits(payload);
        }
        List<Leaf> hitLeaves = new ArrayList<>();
        for (Leaf l : leaves) {
            if (index.hits(l.text().getBytes(StandardCharsets.UTF_8))) hitLeaves.add(l);
        }
        if (!leaky && hitLeaves.isEmpty()) return;
        leakyMessages.incrementAndGet();
        if (hitLeaves.isEmpty()) {
            // only in bytes no decoded value explains (another topic, a key): look at the whole message
            String raw = new String(payload, StandardCharsets.ISO_8859_1) + " " + topic;
            hitLeaves.add(new Leaf("payload bytes", raw.replaceAll("[^\\x20-\\x7e]", ".")));
        }
        String device = deviceOf(topic);
        for (Leaf l : hitLeaves) {
            // the same text may have been planted more than once: prefer this device's, then this field's
            int[] found = {-1, -1};
            index.candidates(l.text().getBytes(StandardCharsets.UTF_8), 64, ref -> {
                WireRecords.Planted p = planted.get(ref);
                boolean flatLeaf = l.path().endsWith("." + fieldKey(p));
                int score = (p.device().equals(device) ? 4 : 0) + (l.path().contains("." + fieldKey(p)) ? 2 : 0)
                        + (flatLeaf == FLAT_SHAPES.contains(p.shape()) ? 1 : 0);
                if (score > found[1] && p.needles().stream().anyMatch(n -> l.text().contains(n))) {
                    found[0] = ref;
                    found[1] = score;
                }
            });
            if (found[0] >= 0) {
                leak(found[0], topic, l.path());
            } else {
                partial(new Partial(topic, l.path(), l.text().length() > 80 ? l.text().substring(0, 80) : l.text()));
            }
        }
    }

    private boolean isSentinel(String device, Property p) {
        Sentinel s = sentinels.get(device);
        if (s == null || !s.key().equals(p.getKey())) return false;
        Value v = p.getValue();
        if (s.value() instanceof dev.hearth.driver.api.value.Value.Int i) return v.hasIntValue() && v.getIntValue() == i.value();
        if (s.value() instanceof dev.hearth.driver.api.value.Value.Real d) return v.hasDoubleValue() && v.getDoubleValue() == d.value();
        return false;
    }

    /** Numbers as the text a leak of them would be recognised by; strings too (already in the bytes). */
    private static void walk(Value v, String path, List<Leaf> out) {
        switch (v.getKindCase()) {
            case INT_VALUE -> out.add(new Leaf(path, Long.toString(v.getIntValue())));
            case DOUBLE_VALUE -> out.add(new Leaf(path, Double.toString(v.getDoubleValue())));
            case STRING_VALUE -> out.add(new Leaf(path, v.getStringValue()));
            case LIST_VALUE -> {
                for (int i = 0; i < v.getListValue().getItemsCount(); i++) walk(v.getListValue().getItems(i), path + "[" + i + "]", out);
            }
            case STRUCT_VALUE -> v.getStructValue().getFieldsMap().forEach((k, f) -> walk(f, path + "." + k, out));
            default -> { }
        }
    }

    /** Shapes whose value is the field's own leaf (no list or object around it). */
    private static final Set<String> FLAT_SHAPES = Set.of("declared", "digits", "int", "float", "json-string", "plain", "in text");

    private static String deviceOf(String topic) {
        int at = topic.indexOf("/devices/");
        if (at < 0) return "";
        int end = topic.indexOf('/', at + 9);
        return end < 0 ? topic.substring(at + 9) : topic.substring(at + 9, end);
    }

    private static String fieldKey(WireRecords.Planted p) {
        return p.field().substring(p.field().indexOf('.') + 1);
    }

    /** Whether fields this schema does not know (a newer gateway's) carry a piece, anywhere in the message. */
    private boolean unknownFields(Message m) {
        if (index.hits(m.getUnknownFields().toByteArray())) return true;
        for (Object v : m.getAllFields().values()) {
            for (Object o : v instanceof List<?> l ? l : List.of(v)) {
                if (o instanceof Message inner && unknownFields(inner)) return true;
            }
        }
        return false;
    }

    /** Every string field of a message of another type, by reflection, and its unknown fields' bytes. */
    private void fields(Message m, String path, List<Leaf> out) {
        out.add(new Leaf(path + ".unknown-fields", m.getUnknownFields().toByteString().toString(StandardCharsets.ISO_8859_1)));
        m.getAllFields().forEach((f, v) -> {
            List<?> values = f.isRepeated() ? (List<?>) v : List.of(v);
            for (Object o : values) {
                if (o instanceof Message inner) fields(inner, path + "." + f.getName(), out);
                else if (o instanceof ByteString b) out.add(new Leaf(path + "." + f.getName(), b.toString(StandardCharsets.ISO_8859_1)));
                else if (o instanceof String text) out.add(new Leaf(path + "." + f.getName(), text));
                // numbers here are the gateway's own (times, sessions), never a device's values
            }
        });
    }

    private synchronized void partial(Partial p) {
        if (partials.size() < 1_000) partials.add(p);
    }

    synchronized List<Partial> partials() {
        return List.copyOf(partials);
    }

    /** Messages that carried a piece of some planted value. */
    long leakyMessages() {
        return leakyMessages.get();
    }

    private synchronized void leak(int ref, String topic, String where) {
        if (leaked.get(ref)) return;
        leaked.set(ref);
        leaks.add(new Leak(ref, topic, where));
    }

    synchronized List<Leak> leaks() {
        return List.copyOf(leaks);
    }

    long messages() { return messages.get(); }
    long telemetry() { return telemetry.get(); }
    long bytes() { return bytes.get(); }

    boolean sawSentinels() {
        return sentinelTelemetry.containsAll(sentinels.keySet()) && sentinelState.containsAll(sentinels.keySet());
    }

    String describeSentinels() {
        return "sentinels in telemetry " + sentinelTelemetry + ", in state " + sentinelState + " of " + sentinels.keySet()
                + "; " + messages() + " messages, " + telemetry() + " telemetry";
    }

    @Override
    public void close() throws MqttException {
        try {
            client.disconnect().waitForCompletion(5_000);
        } finally {
            client.close();
        }
    }
}
