package dev.hearth.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimulateCommandTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new SimulateCommand(() -> { }));
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void anUnknownFaultIsAUsageErrorNamingTheChoices() {
        Run r = run("--native", "2", "--no-mdns", "--faults", "native-lamp-001=EXPLODE");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("unknown fault 'EXPLODE'").doesNotContain("Exception");
    }

    @Test
    void aFaultForADeviceNotInTheRunIsAUsageError() {
        Run r = run("--native", "2", "--no-mdns", "--faults", "native-lamp-009=SILENT");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("native-lamp-009");
    }

    @Test
    void anUnknownKindOrAddressIsAUsageError() {
        assertThat(run("--native", "1", "--kinds", "toaster").err()).contains("unknown device kind 'toaster'");
        assertThat(run("--native", "1", "--address", "300.1.1.1").err()).contains("IPv4 address");
        assertThat(run("--native", "1", "--faults", "garbage").err()).contains("ID=FAULT or KIND:FAULT");
    }
}
