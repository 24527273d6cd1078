package dev.hearth.core.privacy.rights;

import dev.hearth.config.OwnerOnly;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An exclusive lock on {@code <dataDir>/gateway.lock}: the running gateway holds it, and the
 * offline tools ({@code hearth privacy export/erase}) take it too, so they never change the
 * database and the outbox under a gateway that keeps its own copy in memory. The operating
 * system releases it when the process dies, so a crash leaves no stale lock.
 */
public final class DataDirLock implements AutoCloseable {
    public static final String FILE_NAME = "gateway.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock, or empty when another process (or another part of this one) holds it. */
    public static Optional<DataDirLock> tryAcquire(Path dataDir) throws IOException {
        FileChannel ch = OwnerOnly.openForWrite(dataDir.resolve(FILE_NAME));
        try {
            FileLock l = ch.tryLock();
            if (l == null) {
                ch.close();
                return Optional.empty();
            }
            return Optional.of(new DataDirLock(ch, l));
        } catch (OverlappingFileLockException heldInThisJvm) {
            ch.close();
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // closing the channel releases the lock in any case
        }
    }
}
