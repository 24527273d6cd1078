package dev.hearth.app.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Debian package that {@code ./hearth package} (Maven profile {@code deb}) builds, checked as a
 * package: its control data and contents, lintian, and a real dpkg install, start, upgrade, remove
 * and purge inside a throwaway root (an overlay of / in a private mount namespace; the machine's own
 * root never changes). Needs root and the package; {@code ./hearth test} builds it.
 */
class DebPackageIT {
    private static final Path TARGET = Path.of("target");

    private static Path deb;

    @TempDir
    Path tmp;

    @BeforeAll
    static void findThePackage() throws IOException {
        assumeTrue("root".equals(System.getProperty("user.name")), "dpkg and the throwaway root need root");
        try (Stream<Path> files = Files.list(TARGET)) {
            deb = files.filter(p -> p.getFileName().toString().matches("hearth_.*_all\\.deb")).findFirst().orElse(null);
        }
        assumeTrue(deb != null, "no target/hearth_*_all.deb: build it with mvn -Pdeb package (./hearth package)");
    }

    @Test
    void theControlDataNamesTheJavaRuntimeAndNoJdkAndTheConfigurationIsAConffile() throws Exception {
        String info = run(List.of("dpkg-deb", "-I", deb.toString()));
        assertThat(info).contains("Package: hearth", "Architecture: all")
                .containsPattern("Depends: default-jre-headless \\(>= 2:1\\.17\\) \\| openjdk-17-jre-headless")
                .doesNotContain("jdk ", "maven");
        assertThat(run(List.of("dpkg-deb", "-f", deb.toString(), "Version"))).matches("0\\.1\\.0~\\d{14}\\s*");
        Path control = tmp.resolve("control");
        run(List.of("dpkg-deb", "-e", deb.toString(), control.toString()));
        assertThat(Files.readString(control.resolve("conffiles")).strip()).isEqualTo("/etc/hearth/hearth.yaml");
    }

    @Test
    void theJarsLauncherUnitAndConfigurationAreWhereDebianExpectsThemOwnedByRoot() throws Exception {
        String contents = run(List.of("dpkg-deb", "-c", deb.toString()));
        assertThat(contents).containsPattern("-rw-r--r-- root/root .* \\./usr/share/hearth/hearth-app-.*\\.jar")
                .containsPattern("-rw-r--r-- root/root .* \\./usr/share/hearth/lib/hearth-core-.*\\.jar")
                .containsPattern("-rwxr-xr-x root/root .* \\./usr/bin/hearth\n")
                .containsPattern("-rw-r--r-- root/root .* \\./etc/hearth/hearth\\.yaml")
                .containsPattern("-rw-r--r-- root/root .* \\./lib/systemd/system/hearth\\.service")
                .contains("./usr/share/doc/hearth/copyright", "./usr/share/doc/hearth/changelog.gz")
                .doesNotContain("/var/lib/hearth", "secrets.yaml", "junit", "assertj");
        assertThat(contents.lines().filter(l -> !l.contains(" root/root "))).isEmpty();
    }

    @Test
    void lintianFindsNoError() throws Exception {
        String report = run(List.of("lintian", "--tag-display-limit", "0", deb.toString()));
        assertThat(report.lines().filter(l -> l.startsWith("E:"))).isEmpty();
    }

    @Test
    void installsStartsAsTheHearthUserSurvivesAReloadUpgradesKeepingAnEditedConffileRemovesKeepingDataAndPurgesEverything() throws Exception {
        Path upgrade = nextVersionOf(deb);
        Path script = Path.of("target/test-classes/deb/throwaway-root.sh");
        Map<String, String> facts = facts(run(List.of("unshare", "--mount", "sh", script.toString(),
                deb.toAbsolutePath().toString(), upgrade.toString())));

        assertThat(facts).containsEntry("overlay", "ok").containsEntry("install", "0")
                .containsEntry("postinst_prints_address", "yes")
                .containsEntry("user", "hearth")
                .containsEntry("data_dir", "700 hearth")
                .containsEntry("secrets", "600 hearth")
                .containsEntry("conffiles", "/etc/hearth/hearth.yaml")
                .containsEntry("verify", "0");
        // systemd's own scale: 0 is fully locked down, 10 is not at all; 1.6 when this was written
        assertThat(Double.parseDouble(facts.get("exposure"))).isLessThanOrEqualTo(2.0);
        assertThat(facts).containsEntry("exec_start", "/usr/bin/hearth run --config /etc/hearth/hearth.yaml")
                .containsEntry("healthz", "{\"status\":\"up\"}")
                .containsEntry("database", "600 hearth")
                .containsEntry("api_token", "600 hearth")
                .containsEntry("status_exit", "0")
                .containsEntry("status_ready", "yes")
                .containsEntry("alive_after_hup", "yes")
                .containsEntry("reload_unchanged", "yes")
                .containsEntry("healthz_after_hup", "{\"status\":\"up\"}")
                .containsEntry("exit_on_term", "143"); // SuccessExitStatus=143 in the unit
        assertThat(facts).containsEntry("upgrade", "0")
                .containsEntry("version", run(List.of("dpkg-deb", "-f", upgrade.toString(), "Version")).strip())
                .containsEntry("conffile_kept", "yes")
                .containsEntry("remove", "0")
                .containsEntry("data_after_remove", "kept")
                .containsEntry("config_after_remove", "kept")
                .containsEntry("launcher_after_remove", "gone")
                .containsEntry("purge", "0")
                .containsEntry("data_after_purge", "gone")
                .containsEntry("config_after_purge", "gone")
                .containsEntry("done", "yes");
    }

    /** The same package as a later version: what an upgrade from the previous build installs. */
    private Path nextVersionOf(Path deb) throws Exception {
        Path tree = tmp.resolve("upgrade");
        run(List.of("dpkg-deb", "-R", deb.toString(), tree.toString()));
        Path control = tree.resolve("DEBIAN/control");
        Files.writeString(control, Files.readString(control).replaceFirst("(?m)^Version: (.*)$", "Version: $1+1"));
        Path next = tmp.resolve("hearth-next_all.deb");
        run(List.of("dpkg-deb", "-Zgzip", "-z1", "--root-owner-group", "-b", tree.toString(), next.toString()));
        return next;
    }

    private static Map<String, String> facts(String output) {
        Map<String, String> facts = new LinkedHashMap<>();
        output.lines().filter(l -> l.startsWith("FACT ")).forEach(l -> {
            int eq = l.indexOf('=');
            facts.put(l.substring(5, eq), l.substring(eq + 1).strip());
        });
        return facts;
    }

    /** Runs a command, its stderr into target/, and returns its stdout; a non-zero exit fails the test. */
    private String run(List<String> command) throws Exception {
        Path err = Files.createTempFile(tmp, "stderr", ".log");
        Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("%s finished", command).isTrue();
        assertThat(p.exitValue()).as("%s exit; stderr:%n%s", command, Files.readString(err)).isZero();
        return out;
    }
}
