package dev.hearth.core.home;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.storage.Database;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HomeBookTest {

    @Test
    void createsTheHomeOnceAndKeepsItsOwnerAcrossReopen(@TempDir Path dir) {
        Path file = dir.resolve("hearth.db");
        try (Database db = Database.open(file)) {
            HomeBook home = HomeBook.open(db, "h1", "u1");
            assertThat(home.home()).isEqualTo(new Home("h1", "u1"));
            assertThat(home.changeOwner("u1", "u9").isDone()).isTrue();
        }
        try (Database db = Database.open(file)) {
            HomeBook home = HomeBook.open(db, "h-other", "u-other");
            assertThat(home.home()).isEqualTo(new Home("h1", "u9"));
        }
    }

    @Test
    void onlyTheOwnerChangesTheOwner(@TempDir Path dir) {
        try (Database db = Database.open(dir.resolve("hearth.db"))) {
            HomeBook home = HomeBook.open(db, "h1", "u1");
            HomeResult r = home.changeOwner("u2", "u2");
            assertThat(r).isInstanceOf(HomeResult.Refused.class);
            assertThat(((HomeResult.Refused) r).code()).isEqualTo(HomeResult.Refusal.NOT_OWNER);
            assertThat(home.owner()).isEqualTo("u1");
            HomeResult blank = home.changeOwner("u1", " ");
            assertThat(((HomeResult.Refused) blank).code()).isEqualTo(HomeResult.Refusal.INVALID_USER);
            assertThat(home.changeOwner("u1", "u2")).isEqualTo(new HomeResult.Done(new Home("h1", "u2")));
            assertThat(home.owner()).isEqualTo("u2");
        }
    }
}
