package dev.hearth.tools.demo;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Finds out whether this machine lets the demo make a private network namespace, by trying:
 * {@code unshare --net} (root, or a root-mapped user namespace such as the test suite's) first,
 * then {@code unshare --net --map-root-user} (an ordinary user, where unprivileged user
 * namespaces are allowed). Each try also brings the namespace's loopback up with {@code ip},
 * which the demo needs as well.
 */
public final class NamespaceProbe {
    /** Where {@code ip} lives on Debian; an ordinary user's PATH often lacks it. */
    static final String SBIN_PATH = "/usr/sbin:/sbin:/usr/bin:/bin";

    /** Runs a command to its end and gives its exit code. */
    @FunctionalInterface
    public interface Runner {
        int run(List<String> command) throws IOException, InterruptedException;
    }

    private NamespaceProbe() {
    }

    /** Probes with real processes. */
    public static Isolation probe() throws InterruptedException {
        return probe(System.getProperty("os.name", ""), NamespaceProbe::runQuietly);
    }

    /** Probes with {@code runner} (unit tests give a scripted one). */
    public static Isolation probe(String osName, Runner runner) throws InterruptedException {
        if (!osName.toLowerCase(Locale.ROOT).contains("linux")) {
            return new Isolation.Unavailable("network namespaces are a Linux feature and this is " + osName);
        }
        List<String> failures = new ArrayList<>();
        for (List<String> unshare : List.of(List.of("unshare", "--net"), List.of("unshare", "--net", "--map-root-user"))) {
            List<String> command = new ArrayList<>(unshare);
            command.addAll(List.of("sh", "-c", "PATH=" + SBIN_PATH + ":$PATH; ip link set lo up"));
            try {
                int exit = runner.run(command);
                if (exit == 0) return new Isolation.Namespace(unshare);
                failures.add("'" + String.join(" ", unshare) + "' exited with " + exit);
            } catch (IOException e) {
                failures.add("'" + String.join(" ", unshare) + "' cannot run: " + e.getMessage());
            }
        }
        return new Isolation.Unavailable(String.join("; ", failures)
                + " (unprivileged user namespaces may be disabled: sysctl kernel.unprivileged_userns_clone)");
    }

    private static int runQuietly(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
