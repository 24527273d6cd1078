package dev.hearth.core.cloud;

import dev.hearth.protocols.cloud.v1.CommandReply;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters held in memory, readable by name: for tests, ctl and until Micrometer is wired. */
public final class InMemoryCloudCounters implements CloudCounters {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    private void inc(String name) {
        counts.computeIfAbsent(name, k -> new LongAdder()).increment();
    }

    /** The count under {@code name}, e.g. {@code "dropped.TELEMETRY.BOUND"}, {@code "answered.REPLAYED"}. */
    public long get(String name) {
        LongAdder a = counts.get(name);
        return a == null ? 0 : a.sum();
    }

    @Override public void delivered(MessageKind kind) { inc("delivered." + kind); }
    @Override public void dropped(MessageKind kind, DropReason reason) { inc("dropped." + kind + "." + reason); }
    @Override public void coalesced(MessageKind kind) { inc("coalesced." + kind); }
    @Override public void connectAttempt() { inc("connect.attempt"); }
    @Override public void connected() { inc("connect.ok"); }
    @Override public void connectionLost() { inc("connect.lost"); }
    @Override public void commandAnswered(CommandReply.Status status) { inc("answered." + status); }
    @Override public void commandDropped(String reason) { inc("command.dropped." + reason); }
    @Override public void publishRefused(MessageKind kind, int reasonCode) { inc("refused." + kind + "." + reasonCode); inc("refused"); }
    @Override public void subscribeRefused(int reasonCode) { inc("subscribe.refused." + reasonCode); inc("subscribe.refused"); }
    @Override public void brokerChanged() { inc("broker.changed"); }
    @Override public void commandUnanswerable(CommandReply.Status status) { inc("unanswerable." + status); }

    @Override
    public String toString() {
        var sb = new StringBuilder("CloudCounters{");
        new java.util.TreeMap<>(counts).forEach((k, v) -> sb.append(k).append('=').append(v.sum()).append(", "));
        return sb.append('}').toString();
    }
}
