package dev.hearth.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.storage.Database;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsentStoreTest {

    private static final Instant T1 = Instant.parse("2024-05-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2024-05-02T11:30:00Z");

    @Test
    void startsFromTheDefaultAndKeepsChangesAndHistoryAcrossReopen(@TempDir Path dir) {
        Path file = dir.resolve("hearth.db");
        try (Database db = Database.open(file)) {
            ConsentStore store = new ConsentStore(db, false);
            assertThat(store.uxProgrammeJoined()).isFalse();
            assertThat(store.anyWithdrawn()).isFalse();
            store.setUxProgramme(true, "owner-1", T1);
            store.withdraw("u-7", T2);
            assertThat(store.uxProgrammeJoined()).isTrue();
            assertThat(store.withdrawn("u-7")).isTrue();
        }
        try (Database db = Database.open(file)) {
            ConsentStore store = new ConsentStore(db, false);
            assertThat(store.uxProgrammeJoined()).isTrue();
            assertThat(store.withdrawn("u-7")).isTrue();
            assertThat(store.withdrawn("u-8")).isFalse();
            assertThat(store.withdrawnAt("u-7")).contains(T2);
            assertThat(store.history()).containsExactly(
                    new ConsentChange(T1, "owner-1", ConsentChange.HOME, ConsentChange.Kind.UX_PROGRAMME_JOINED),
                    new ConsentChange(T2, "u-7", "u-7", ConsentChange.Kind.WITHDRAWN));
            store.setUxProgramme(false, "owner-1", T2);
        }
        try (Database db = Database.open(file)) {
            ConsentStore store = new ConsentStore(db, true);
            assertThat(store.uxProgrammeJoined()).as("a recorded choice wins over the default").isFalse();
            assertThat(store.history()).hasSize(3).last()
                    .extracting(ConsentChange::kind).isEqualTo(ConsentChange.Kind.UX_PROGRAMME_LEFT);
        }
    }

    @Test
    void theDefaultAppliesUntilTheHomeChooses(@TempDir Path dir) {
        try (Database db = Database.open(dir.resolve("hearth.db"))) {
            assertThat(new ConsentStore(db, true).uxProgrammeJoined()).isTrue();
        }
    }
}
