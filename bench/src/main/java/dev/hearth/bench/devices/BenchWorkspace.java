package dev.hearth.bench.devices;

import dev.hearth.config.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary directory for one gateway run (config, data directory, log); deleted on close. */
public final class BenchWorkspace implements AutoCloseable {
    private final Path root;

    private BenchWorkspace(Path root) {
        this.root = root;
    }

    public static BenchWorkspace create(String prefix) throws IOException {
        BenchWorkspace ws = new BenchWorkspace(Files.createTempDirectory(prefix));
        OwnerOnly.createDirectories(ws.dataDir());
        return ws;
    }

    public Path root() {
        return root;
    }

    public Path dataDir() {
        return root.resolve("data");
    }

    public Path configFile() {
        return root.resolve("hearth.yaml");
    }

    /** The gateway's default secrets file, {@code <dataDir>/secrets.yaml}. */
    public Path secretsFile() {
        return dataDir().resolve("secrets.yaml");
    }

    public Path gatewayLog() {
        return root.resolve("gateway.log");
    }

    @Override
    public void close() {
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("bench: could not delete " + root + ": " + e.getMessage());
        }
    }
}
