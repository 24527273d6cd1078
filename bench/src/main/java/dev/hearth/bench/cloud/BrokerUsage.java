package dev.hearth.bench.cloud;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where a broker's CPU time and memory are read: its threads in this JVM, or its own process. */
sealed interface BrokerUsage {
    /** CPU nanoseconds used so far (threads alive now, for the in-JVM broker). */
    long cpuNanos();

    /** What to call its memory, and how much: a whole-JVM figure for the in-JVM broker. */
    String memory();

    static BrokerUsage inThisJvm(String... threadMarkers) {
        return new InJvm(List.of(threadMarkers));
    }

    static BrokerUsage process(long pid) {
        return new OwnProcess(pid);
    }

    record InJvm(List<String> markers) implements BrokerUsage {
        @Override
        public long cpuNanos() {
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long sum = 0;
            for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
                if (t == null || markers.stream().noneMatch(m -> t.getThreadName().contains(m))) continue;
                long cpu = mx.getThreadCpuTime(t.getThreadId());
                if (cpu > 0) sum += cpu;
            }
            return sum;
        }

        @Override
        public String memory() {
            return "shares the JVM heap with the gateways (see heap below)";
        }
    }

    record OwnProcess(long pid) implements BrokerUsage {
        @Override
        public long cpuNanos() {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
                return ticks * 10_000_000L; // USER_HZ 100
            } catch (Exception e) {
                return -1;
            }
        }

        @Override
        public String memory() {
            try {
                return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmRSS"))
                        .map(l -> "RSS " + l.substring(6).strip()).findFirst().orElse("?");
            } catch (Exception e) {
                return "?";
            }
        }
    }
}
