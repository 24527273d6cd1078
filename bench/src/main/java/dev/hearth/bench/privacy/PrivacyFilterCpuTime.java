package dev.hearth.bench.privacy;

import dev.hearth.core.privacy.PersonalDataDetector;
import dev.hearth.driver.api.value.Value;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code ./hearth bench privacy-cpu [ROUNDS] [OPS]}: the privacy filter's cost per record as the
 * CPU time of the measuring thread ({@code ThreadMXBean}) and the bytes it allocated, beside the
 * wall time. On a machine shared with other builds, wall time counts the time the thread waited
 * for a core; CPU time does not (it still counts what a busy core's caches and a sibling
 * hyper-thread cost). A fixed amount of work (JMH's CPU burner, as in {@link PrivacyFilterBench})
 * is measured the same way in the same run as the floor. Prints the median and lowest per round.
 */
public final class PrivacyFilterCpuTime {

    private static long sink;

    private PrivacyFilterCpuTime() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int ops = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        PrivacyBenchRecords r = new PrivacyBenchRecords();
        PersonalDataDetector detector = new PersonalDataDetector();
        List<Map.Entry<String, Value>> strings = List.copyOf(PrivacyBenchRecords.UNKNOWN_STRINGS.entrySet());
        Map<String, IntSupplier> cases = new java.util.LinkedHashMap<>();
        cases.put("knownModelTenProperties", () -> r.filter.filter("fan-1", r.model, r.typical).hashCode());
        cases.put("detectFiveUnknownStrings", () -> r.detecting.filter("fan-1", r.model, r.withUnknownStrings).hashCode());
        cases.put("detectFiveUnknownStructures",
                () -> r.detecting.filter("fan-1", r.model, r.withUnknownStructures).hashCode());
        cases.put("detectorAloneFiveStrings", () -> {
            int found = 0;
            for (Map.Entry<String, Value> e : strings) if (detector.containsPersonal(e.getKey(), e.getValue())) found++;
            return found;
        });
        cases.put("floorFixedWork", () -> {
            Blackhole.consumeCPU(4096);
            return 1;
        });
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        System.out.printf("cores %d, rounds %d x %d ops, load average %.2f%n", Runtime.getRuntime().availableProcessors(),
                rounds, ops, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf("%-28s %12s %12s %12s %12s%n", "case", "cpu ns/op", "cpu min", "wall ns/op", "bytes/op");
        for (Map.Entry<String, IntSupplier> c : cases.entrySet()) {
            IntSupplier op = c.getValue();
            for (int i = 0; i < 200_000; i++) sink += op.getAsInt();
            double[] cpu = new double[rounds];
            double[] wall = new double[rounds];
            double[] bytes = new double[rounds];
            for (int k = 0; k < rounds; k++) {
                long a0 = threads.getThreadAllocatedBytes(tid);
                long c0 = threads.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                for (int i = 0; i < ops; i++) sink += op.getAsInt();
                wall[k] = (System.nanoTime() - w0) / (double) ops;
                cpu[k] = (threads.getCurrentThreadCpuTime() - c0) / (double) ops;
                bytes[k] = (threads.getThreadAllocatedBytes(tid) - a0) / (double) ops;
            }
            System.out.printf("%-28s %12.0f %12.0f %12.0f %12.0f%n", c.getKey(), median(cpu), Arrays.stream(cpu).min().orElse(0),
                    median(wall), median(bytes));
        }
        System.out.printf("load average %.2f (sink %d)%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                sink & 1);
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
