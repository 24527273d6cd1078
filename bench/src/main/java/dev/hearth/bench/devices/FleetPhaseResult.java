package dev.hearth.bench.devices;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * What one phase of {@link DeviceFleetBench} measured. Empty values: not reached or not measured
 * (the devices never all came online, or the phase does not measure it).
 */
record FleetPhaseResult(String phase, int devices, Duration reportInterval, Duration fleetStart, Duration apiUp,
                        Optional<Duration> allOnline, int onlineAfterWindow, OptionalInt reportedInProbe,
                        Optional<Double> gatewayCpuPercent, Optional<Double> benchCpuPercent, Duration window,
                        OptionalLong heapAfterGcBytes, String heapInfo, OptionalLong rssKb, OptionalLong threads,
                        String loadBefore, String loadAfter) {

    /** A phase that stopped early: the devices did not all come online in time. */
    static FleetPhaseResult incomplete(String phase, int devices, Duration report, Duration fleetStart, Duration apiUp,
                                       int online, String loadBefore, String loadAfter) {
        return new FleetPhaseResult(phase, devices, report, fleetStart, apiUp, Optional.empty(), online, OptionalInt.empty(),
                Optional.empty(), Optional.empty(), Duration.ZERO, OptionalLong.empty(), "", OptionalLong.empty(),
                OptionalLong.empty(), loadBefore, loadAfter);
    }

    /** A plain-text table, one column per phase. */
    static String table(List<FleetPhaseResult> results) {
        StringBuilder out = new StringBuilder();
        row(out, "phase", results, FleetPhaseResult::phase);
        row(out, "devices", results, r -> Integer.toString(r.devices()));
        row(out, "device report interval", results, r -> seconds(r.reportInterval()));
        row(out, "fleet start (bench side)", results, r -> seconds(r.fleetStart()));
        row(out, "gateway start -> API up", results, r -> seconds(r.apiUp()));
        row(out, "gateway start -> all ONLINE", results, r -> r.allOnline().map(FleetPhaseResult::seconds).orElse("NOT REACHED"));
        row(out, "ONLINE after the CPU window", results, r -> Integer.toString(r.onlineAfterWindow()));
        row(out, "devices reporting (3 s probe)", results, r -> r.reportedInProbe().isPresent()
                ? Integer.toString(r.reportedInProbe().getAsInt()) : "-");
        row(out, "CPU window", results, r -> seconds(r.window()));
        row(out, "gateway CPU, % of one core", results, r -> percent(r.gatewayCpuPercent()));
        row(out, "bench+fleet CPU, % of one core", results, r -> percent(r.benchCpuPercent()));
        row(out, "gateway heap used after GC", results, r -> r.heapAfterGcBytes().isPresent()
                ? String.format(Locale.ROOT, "%.1f MB", r.heapAfterGcBytes().getAsLong() / 1048576.0) : "-");
        row(out, "gateway RSS", results, r -> r.rssKb().isPresent()
                ? String.format(Locale.ROOT, "%.1f MB", r.rssKb().getAsLong() / 1024.0) : "-");
        row(out, "gateway threads", results, r -> r.threads().isPresent() ? Long.toString(r.threads().getAsLong()) : "-");
        row(out, "load average before", results, FleetPhaseResult::loadBefore);
        row(out, "load average after", results, FleetPhaseResult::loadAfter);
        for (FleetPhaseResult r : results) {
            if (!r.heapInfo().isEmpty()) out.append("heap (").append(r.phase()).append("): ").append(r.heapInfo()).append('\n');
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String label, List<FleetPhaseResult> results, Function<FleetPhaseResult, String> cell) {
        out.append(String.format(Locale.ROOT, "%-32s", label));
        for (FleetPhaseResult r : results) out.append(String.format(Locale.ROOT, " | %-14s", cell.apply(r)));
        out.append('\n');
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.2f s", d.toNanos() / 1e9);
    }

    private static String percent(Optional<Double> p) {
        return p.map(v -> String.format(Locale.ROOT, "%.1f %%", v)).orElse("-");
    }
}
