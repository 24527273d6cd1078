package dev.hearth.tools.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ctl user init|list|show}: a user's own key, written owner-only, never overwritten. */
class UserCommandTest {
    @TempDir Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = new CommandLine(new CtlCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void initWritesAnOwnerOnlyKeyThatShowAndListPrintByItsFingerprint() throws Exception {
        Path users = dir.resolve("users");
        assertThat(run("user", "init", "--name", "alice", "--users-dir", users.toString())).isEqualTo(0);
        String fingerprint = out.toString().lines().filter(l -> l.startsWith("fingerprint:")).findFirst().orElseThrow()
                .substring("fingerprint:".length()).strip();
        assertThat(fingerprint).matches("k_[0-9a-f]{32}");
        assertThat(Files.getPosixFilePermissions(users.resolve("alice.key")))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));

        out.getBuffer().setLength(0);
        assertThat(run("user", "show", "alice", "--users-dir", users.toString())).isEqualTo(0);
        assertThat(out.toString()).contains(fingerprint);
        out.getBuffer().setLength(0);
        assertThat(run("user", "list", "--users-dir", users.toString())).isEqualTo(0);
        assertThat(out.toString().strip()).isEqualTo("alice " + fingerprint);
    }

    @Test
    void initRefusesToOverwriteAKey() {
        Path users = dir.resolve("users");
        assertThat(run("user", "init", "--name", "bob", "--users-dir", users.toString())).isEqualTo(0);
        assertThat(run("user", "init", "--name", "bob", "--users-dir", users.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("will not overwrite");
    }
}
