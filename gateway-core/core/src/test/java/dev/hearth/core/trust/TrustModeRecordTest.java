package dev.hearth.core.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.config.TrustMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A configuration naming no home.trust: the data directory decides, and remembers (DESIGN.md section 6). */
class TrustModeRecordTest {
    @TempDir Path dir;

    @Test
    void aNewHomeGetsUsersAndRecordsItOwnerOnly() throws IOException {
        TrustModeRecord.Resolution r = TrustModeRecord.settle(Optional.empty(), dir);
        assertThat(r.mode()).isEqualTo(TrustMode.USERS);
        assertThat(r.origin()).isEqualTo(TrustModeRecord.Origin.NEW_HOME);
        Path file = dir.resolve(TrustModeRecord.FILE_NAME);
        assertThat(Files.readString(file).strip()).isEqualTo("users");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        // a database made after the first start does not turn it into an old home
        Files.writeString(dir.resolve("hearth.db"), "");
        assertThat(TrustModeRecord.settle(Optional.empty(), dir).mode()).isEqualTo(TrustMode.USERS);
    }

    @Test
    void aHomeWhoseDatabasePredatesTheSettingKeepsCloudAcrossStarts() throws IOException {
        Files.writeString(dir.resolve("hearth.db"), "");
        TrustModeRecord.Resolution first = TrustModeRecord.settle(Optional.empty(), dir);
        assertThat(first.mode()).isEqualTo(TrustMode.CLOUD);
        assertThat(first.origin()).isEqualTo(TrustModeRecord.Origin.EXISTING_HOME);
        assertThat(first.explain(dir)).contains("made before home.trust existed").contains("name home.trust: users");
        TrustModeRecord.Resolution again = TrustModeRecord.settle(Optional.empty(), dir);
        assertThat(again.mode()).isEqualTo(TrustMode.CLOUD);
        assertThat(again.origin()).isEqualTo(TrustModeRecord.Origin.RECORDED);
    }

    @Test
    void aNamedModeWinsAndIsRememberedWhenTheLineIsTakenOut() throws IOException {
        Files.writeString(dir.resolve("hearth.db"), "");
        TrustModeRecord.settle(Optional.empty(), dir);
        TrustModeRecord.Resolution named = TrustModeRecord.settle(Optional.of(TrustMode.USERS), dir);
        assertThat(named.mode()).isEqualTo(TrustMode.USERS);
        assertThat(named.explain(dir)).contains("ran with cloud until now");
        TrustModeRecord.Resolution later = TrustModeRecord.settle(Optional.empty(), dir);
        assertThat(later.mode()).isEqualTo(TrustMode.USERS);
        assertThat(later.origin()).isEqualTo(TrustModeRecord.Origin.RECORDED);
    }

    @Test
    void resolveOnlyReadsTheDataDirectory() throws IOException {
        assertThat(TrustModeRecord.resolve(Optional.empty(), dir).mode()).isEqualTo(TrustMode.USERS);
        assertThat(dir.resolve(TrustModeRecord.FILE_NAME)).doesNotExist();
    }

    @Test
    void aRecordHoldingAnythingElseRefusesTheStartInsteadOfGuessing() throws IOException {
        Files.writeString(dir.resolve(TrustModeRecord.FILE_NAME), "anyone\n");
        assertThatThrownBy(() -> TrustModeRecord.settle(Optional.empty(), dir)).isInstanceOf(IOException.class)
                .hasMessageContaining("neither \"users\" nor \"cloud\"");
        Files.writeString(dir.resolve(TrustModeRecord.FILE_NAME), "users".repeat(100));
        assertThatThrownBy(() -> TrustModeRecord.resolve(Optional.empty(), dir)).isInstanceOf(IOException.class);
        assertThat(TrustModeRecord.settle(Optional.of(TrustMode.CLOUD), dir).mode()).as("a named mode repairs it").isEqualTo(TrustMode.CLOUD);
        assertThat(Files.readString(dir.resolve(TrustModeRecord.FILE_NAME)).strip()).isEqualTo("cloud");
    }
}
