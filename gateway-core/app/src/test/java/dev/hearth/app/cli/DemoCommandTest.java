package dev.hearth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Argument checks of {@code hearth demo}: all refused before anything starts. */
class DemoCommandTest {
    private record Run(int exitCode, String out, String err) { }

    private static Run run(String... args) {
        CommandLine cli = HearthCli.commandLine(new HearthCli(Map.of()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpShowsThePortsAndTheDurationButNotTheInternalOptions() {
        Run r = run("demo", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--http-port", "default: 8080", "--broker-port", "default: 1883", "--duration", "--no-namespace")
                .doesNotContain("--inside").doesNotContain("--relay-dir");
    }

    @Test
    void refusesAPortOutOfRange() {
        Run r = run("demo", "--http-port", "0");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--http-port must be 1-65535, got 0");
    }

    @Test
    void refusesTheSamePortForBoth() {
        Run r = run("demo", "--http-port", "9000", "--broker-port", "9000");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("must differ");
    }

    @Test
    void refusesADurationBelowOneSecond() {
        Run r = run("demo", "--duration", "0");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--duration must be at least 1 second");
    }

    @Test
    void refusesTheInsidePartWithoutItsRelayDirectory() {
        Run r = run("demo", "--inside");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--inside needs --relay-dir");
    }

    @Test
    void refusesAPortThatIsNotANumber() {
        Run r = run("demo", "--broker-port", "mqtt");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--broker-port").doesNotContain("Exception");
    }
}
