package dev.hearth.core.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.storage.Database;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelemetryIdsTest {
    @TempDir Path dir;

    private static List<Long> take(TelemetryIds ids, int n) {
        var out = new ArrayList<Long>();
        for (int i = 0; i < n; i++) out.add(ids.next());
        return out;
    }

    @Test
    void idsAfterARestartAreAboveEveryEarlierIdWhateverTheClockDid() {
        // The source takes no clock at all (the old one, microseconds since the epoch, gave a run
        // after the clock stepped back a day ids below the previous run's, which the cloud then
        // de-duplicated away); only the persisted boot number orders runs.
        Path file = dir.resolve("h.db");
        List<Long> first;
        try (Database db = Database.open(file)) {
            first = take(TelemetryIds.open(db), 1000);
        }
        List<Long> second;
        try (Database db = Database.open(file)) {
            second = take(TelemetryIds.open(db), 1000);
        }
        assertThat(first).isSorted().doesNotHaveDuplicates();
        assertThat(second).isSorted().doesNotHaveDuplicates();
        assertThat(second.get(0)).isGreaterThan(first.get(first.size() - 1));
        var all = new HashSet<>(first);
        all.addAll(second);
        assertThat(all).hasSize(2000);
    }

    @Test
    void everyBootStartsAboveTheIdsOfTheClockBasedSchemeAndBelowTwoToTheFiftyThree() {
        long clockSchemeNow = Instant.parse("2026-12-03T12:00:00Z").toEpochMilli() * 1000;
        try (Database db = Database.open(dir.resolve("h.db"))) {
            TelemetryIds ids = TelemetryIds.open(db);
            long id = ids.next();
            assertThat(id).isGreaterThan(clockSchemeNow).isLessThan(1L << 53);
            assertThat(ids.boot()).isEqualTo(TelemetryIds.FIRST_BOOT);
        }
    }

    @Test
    void twoSourcesOnOneDatabaseNeverShareABoot() {
        try (Database db = Database.open(dir.resolve("h.db"))) {
            TelemetryIds a = TelemetryIds.open(db);
            TelemetryIds b = TelemetryIds.open(db);
            assertThat(b.boot()).isGreaterThan(a.boot());
            assertThat(b.next()).isGreaterThan(a.next());
        }
    }
}
