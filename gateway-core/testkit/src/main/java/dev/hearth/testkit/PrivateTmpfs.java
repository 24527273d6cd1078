package dev.hearth.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A small tmpfs that only one child process sees: {@code unshare --mount --propagation private}
 * mounts it in a mount namespace of its own and runs the command there (the network namespace
 * is shared, so loopback reaches it). The host's mounts never change; the file system goes with
 * the child. The test reaches the files through {@code /proc/<child>/root/<mount point>} (plain
 * file I/O works there; SQLite resolves the magic link and cannot, hence the child process).
 * Needs root (CAP_SYS_ADMIN): {@link #reasonUnavailable()} says why not.
 */
public final class PrivateTmpfs implements AutoCloseable {
    private final Process child;
    private final Path mountPoint;
    private final Path path;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>(10_000);

    private PrivateTmpfs(Process child, Path mountPoint) {
        this.child = child;
        this.mountPoint = mountPoint;
        this.path = Path.of("/proc/" + child.pid() + "/root" + mountPoint);
        Thread reader = new Thread(this::readLines, "private-tmpfs-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Why a private tmpfs cannot be made here, or empty when it can. */
    public static Optional<String> reasonUnavailable() {
        try {
            String status = Files.readString(Path.of("/proc/self/status"));
            boolean root = status.lines().filter(l -> l.startsWith("Uid:")).findFirst()
                    .map(l -> l.split("\\s+")[1].equals("0")).orElse(false);
            if (!root) return Optional.of("mounting a tmpfs in a private mount namespace needs root");
        } catch (IOException e) {
            return Optional.of("cannot read /proc/self/status: " + e.getMessage());
        }
        if (!Files.isExecutable(Path.of("/usr/bin/unshare"))) return Optional.of("unshare (util-linux) is not installed");
        return Optional.empty();
    }

    /**
     * Mounts a tmpfs of {@code bytes} and runs {@code command.apply(mountPoint)} on it (stderr to
     * {@code log}); the child's stdout lines can be awaited with {@link #awaitLine}.
     */
    public static PrivateTmpfs run(long bytes, Function<Path, List<String>> command, Path log) {
        try {
            Path point = Files.createTempDirectory("hearth-tmpfs-");
            var argv = new ArrayList<>(List.of("/usr/bin/unshare", "--mount", "--propagation", "private", "sh", "-c",
                    "mount -t tmpfs -o size=" + bytes + ",mode=0700 hearth-test \"$0\" && exec \"$@\"", point.toString()));
            argv.addAll(command.apply(point));
            Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            return new PrivateTmpfs(p, point);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start unshare", e);
        }
    }

    private void readLines() {
        try (var in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l = in.readLine(); l != null; l = in.readLine()) lines.offer(l);
        } catch (IOException e) {
            // the child ended
        }
    }

    /** The next stdout line starting with {@code prefix} (the rest of it), within {@code within}. */
    public String awaitLine(String prefix, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String l = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            if (l == null) throw new AssertionError("no line \"" + prefix + "...\" from the child within " + within
                    + (child.isAlive() ? "" : " (it exited with " + child.exitValue() + ")"));
            if (l.startsWith(prefix)) return l.substring(prefix.length());
        }
    }

    /** The tmpfs as this process reaches it. */
    public Path path() {
        return path;
    }

    /** Writes zeros into {@code name} until the file system is full; returns the bytes written. */
    public long fill(String name) {
        long written = 0;
        byte[] block = new byte[64 * 1024];
        try (var out = Files.newOutputStream(path.resolve(name))) {
            while (true) {
                out.write(block);
                written += block.length;
            }
        } catch (IOException full) {
            return written; // ENOSPC: full, as intended
        }
    }

    @Override
    public void close() {
        child.destroy();
        try {
            if (!child.waitFor(10, TimeUnit.SECONDS)) child.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(mountPoint);
        } catch (IOException e) {
            // the empty mount point stays in /tmp; harmless
        }
    }
}
