package dev.hearth.core.devices;

import dev.hearth.driver.api.DriverCounters;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters kept in memory, by name and reason, until they are bound to the metrics registry. */
public final class CounterTally implements DriverCounters {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    @Override
    public void increment(String counter, String reason) {
        counts.computeIfAbsent(key(counter, reason), k -> new LongAdder()).increment();
    }

    public long count(String counter, String reason) {
        LongAdder a = counts.get(key(counter, reason));
        return a == null ? 0 : a.sum();
    }

    /** The sum over every reason. */
    public long total(String counter) {
        String prefix = counter + "{";
        return counts.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(e -> e.getValue().sum()).sum();
    }

    /** Every counter as {@code name{reason}} to its count, sorted. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    private static String key(String counter, String reason) {
        return counter + "{" + reason + "}";
    }
}
