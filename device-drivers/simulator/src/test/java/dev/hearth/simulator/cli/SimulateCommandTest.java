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

    @Test
    void badMiioArgumentsAreUsageErrorsBeforeAnythingStarts() {
        Run tooMany = run("--miio", "251", "--no-mdns");
        assertThat(tooMany.exit()).isEqualTo(2);
        assertThat(tooMany.err()).contains("--miio must be between 0 and 250, got 251").doesNotContain("Exception");
        assertThat(run("--miio", "-1", "--no-mdns").err()).contains("--miio must be between 0 and 250");
        assertThat(run("--miio", "1", "--no-mdns", "--miio-kinds", "fan,toaster").err())
                .contains("unknown miIO device kind 'toaster'; expected one of fan, plug");
        assertThat(run("--miio", "1", "--no-mdns", "--miio-address", "10.0.0.2").err()).contains("--miio-address must be in 127.0.0.0/8");
        assertThat(run("--miio", "1", "--no-mdns", "--miio-address", "127.0.0").err()).contains("--miio-address must be an IPv4 address");
        assertThat(run("--miio", "3", "--no-mdns", "--miio-address", "127.255.255.253").err()).contains("leaves no room for 3 addresses");
    }

    @Test
    void nativeDevicesCannotShareAMiioDevicesAddress() {
        Run r = run("--native", "1", "--miio", "3", "--no-mdns", "--address", "127.0.0.3");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--address 127.0.0.3 is also a miIO device's address");
    }

    @Test
    void announcingOnAnAddressNotOnLoIsAClearErrorNamingTheFix() {
        // 127.0.0.201 is routed to lo but not assigned to it: jmdns could not join the group there
        Run r = run("--miio", "2", "--miio-address", "127.0.0.201");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("missing: [127.0.0.201, 127.0.0.202]", "ip addr replace 127.0.0.201/32 dev lo", "--no-mdns")
                .doesNotContain("Exception").doesNotContain("Usage");
        assertThat(r.out()).isEmpty();
    }
}
