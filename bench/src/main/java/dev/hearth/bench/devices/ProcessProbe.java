package dev.hearth.bench.devices;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What Linux and the JDK say about a process: CPU time from {@code /proc/PID/stat} (utime + stime),
 * RSS and threads from {@code /proc/PID/status}, the load average, and jcmd for a forced GC.
 */
public final class ProcessProbe {
    private final Path jcmd;
    private final long ticksPerSecond;

    public ProcessProbe(Path jcmd) throws IOException, InterruptedException {
        this.jcmd = jcmd;
        this.ticksPerSecond = clockTicks();
    }

    /** CPU time (user + system) the process has used so far, in nanoseconds. */
    public long cpuNanos(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
        // fields after the command name, which is in parentheses and may contain spaces
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15: utime, stime
        return ticks * 1_000_000_000L / ticksPerSecond;
    }

    /** A line of {@code /proc/PID/status}, e.g. {@code VmRSS} in kB or {@code Threads}. */
    long status(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.US_ASCII)) {
            if (line.startsWith(field + ":")) return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
        }
        throw new IOException("no " + field + " in /proc/" + pid + "/status");
    }

    public static String loadAverage() throws IOException {
        String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim().split("\\s+");
        return f[0] + " " + f[1] + " " + f[2];
    }

    /** {@code jcmd PID GC.run}: a full collection in the target JVM. */
    public void forceGc(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
    }

    /** The first line of {@code jcmd PID GC.heap_info}: the collector, heap size and use. */
    public String heapInfo(long pid) throws IOException, InterruptedException {
        List<String> lines = jcmd(pid, "GC.heap_info").lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.endsWith(":")).toList();
        return lines.isEmpty() ? "" : lines.get(0);
    }

    private String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("jcmd " + command + " did not finish within 60 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) throw new IOException("jcmd " + command + " failed: " + out);
        return out;
    }

    private static long clockTicks() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0 || !out.matches("\\d+")) {
            throw new IOException("getconf CLK_TCK failed: " + out);
        }
        return Long.parseLong(out);
    }
}
