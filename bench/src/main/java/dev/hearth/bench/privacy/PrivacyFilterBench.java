package dev.hearth.bench.privacy;

import dev.hearth.core.privacy.FilteredTelemetry;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The privacy filter's cost per record (see {@link PrivacyBenchRecords}): 10 declared properties
 * of a known model (target 2 us), the same with 5 undeclared strings the detector reads in
 * {@code detect} mode (target 10 us), the same with 5 undeclared structured values whose personal
 * leaves the cleaner removes; and a fixed amount of work as the floor of the same run. Results:
 * bench/results/privacy.md.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class PrivacyFilterBench {

    private PrivacyBenchRecords r;

    @Setup
    public void setUp() {
        r = new PrivacyBenchRecords();
    }

    @Benchmark
    public Optional<FilteredTelemetry> knownModelTenProperties() {
        return r.filter.filter("fan-1", r.model, r.typical);
    }

    @Benchmark
    public Optional<FilteredTelemetry> detectFiveUnknownStrings() {
        return r.detecting.filter("fan-1", r.model, r.withUnknownStrings);
    }

    @Benchmark
    public Optional<FilteredTelemetry> detectFiveUnknownStructures() {
        return r.detecting.filter("fan-1", r.model, r.withUnknownStructures);
    }

    /**
     * JMH's own CPU burner, 4,096 tokens: fixed work measured in the same run, so its score says
     * how much of the others' scores is the shared machine rather than the filter.
     */
    @Benchmark
    public void floorFixedWork() {
        Blackhole.consumeCPU(4096);
    }
}
