package dev.hearth.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Starts real simulated devices on 127.0.0.1 (without mDNS) and stops them at once. */
class SimulateCommandIT {

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new SimulateCommand(() -> { }));
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute(args)).isZero();
        return out.toString();
    }

    @Test
    void printsDevicesAndWritesAnOwnerOnlyKeysFile(@TempDir Path tmp) throws Exception {
        Path keys = tmp.resolve("secrets.yaml");
        String out = run("--native", "3", "--kinds", "lamp,lock", "--no-mdns", "--keys-file", keys.toString(),
                "--faults", "lock:SILENT");

        assertThat(out).contains("native-lamp-001", "native-lock-002", "native-lamp-003", "hearth.lock.v1", "127.0.0.1:")
                .contains("fault=SILENT").doesNotContain("key=");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rw-------");
        String yaml = Files.readString(keys);
        assertThat(yaml).startsWith("# Hearth device secrets").contains("devices:\n");
        assertThat(yaml.lines().filter(l -> l.matches("  native-[a-z]+-\\d{3}: \"[0-9a-f]{64}\""))).hasSize(3);
    }

    @Test
    void printsKeysWhenNoKeysFileIsGiven() {
        String out = run("--native", "1", "--no-mdns");
        assertThat(out).containsPattern("native-lamp-001 .* key=[0-9a-f]{64}");
    }
}
