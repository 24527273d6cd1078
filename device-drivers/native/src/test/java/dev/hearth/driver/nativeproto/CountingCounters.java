package dev.hearth.driver.nativeproto;

import dev.hearth.driver.api.DriverCounters;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Counters a test can read back: {@code "name/reason"} to count. */
final class CountingCounters implements DriverCounters {
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    @Override
    public void increment(String counter, String reason) {
        counts.merge(counter + "/" + reason, 1, Integer::sum);
    }

    int get(String counter, String reason) {
        return counts.getOrDefault(counter + "/" + reason, 0);
    }
}
