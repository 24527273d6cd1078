package dev.hearth.core.privacy;

import dev.hearth.protocols.cloud.v1.UsageCount;
import dev.hearth.protocols.cloud.v1.UsageStats;
import java.time.LocalDate;
import java.util.List;

/**
 * The day's usage aggregates as the one message that may carry them to the cloud: every count
 * below {@value #THRESHOLD} is suppressed (sent as "&lt;5", its number withheld), so a small home's
 * aggregates cannot single out a person. The store's buckets carry no id and no name, so nothing
 * here needs pseudonymising. What {@code hearth privacy stats --preview} and the API show is this
 * same message.
 */
public final class UsagePayloads {
    /** Counts below this are suppressed. */
    public static final int THRESHOLD = 5;

    private UsagePayloads() {
    }

    public static CloudPayload<UsageStats> of(LocalDate day, List<UsageStatsStore.Count> counts) {
        UsageStats.Builder b = UsageStats.newBuilder().setSchemaVersion(1).setDay(day.toString());
        for (UsageStatsStore.Count c : counts) {
            if (!c.day().equals(day)) throw new IllegalArgumentException("a count of " + c.day() + " in the message of " + day);
            UsageCount.Builder u = UsageCount.newBuilder().setMetric(c.metric()).setKey(c.bucket());
            if (c.count() < THRESHOLD) u.setSuppressed(true);
            else u.setCount(c.count());
            b.addCounts(u);
        }
        return new CloudPayload<>(b.build());
    }
}
