package dev.hearth.core.privacy.rights;

import dev.hearth.config.HearthConfig;
import dev.hearth.core.PrivacyWiring;
import dev.hearth.core.access.AccessPolicy;
import dev.hearth.core.access.AuditLog;
import dev.hearth.core.access.ShareBook;
import dev.hearth.core.access.ShareIndex;
import dev.hearth.core.cloud.QueuedMessages;
import dev.hearth.core.home.HomeBook;
import dev.hearth.core.home.RandomIds;
import dev.hearth.core.home.RoomBook;
import dev.hearth.core.privacy.ConsentStore;
import dev.hearth.core.privacy.HomeKey;
import dev.hearth.core.privacy.Pseudonymiser;
import dev.hearth.core.registry.Registry;
import dev.hearth.core.storage.Database;
import dev.hearth.driver.api.Scheduler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The gateway's data directory opened by an offline tool ({@code hearth privacy export/erase}):
 * the same stores the gateway uses, over the same SQLite file and audit log, under the data
 * directory's lock so no running gateway changes them at the same time. Nothing runs in the
 * background: the registry never flushes (it is only read) and the outbox is only purged.
 */
public final class OfflineGatewayData implements AutoCloseable {
    private static final Scheduler NO_TIMERS = (delay, task) -> () -> { };

    private final DataDirLock lock;
    private final Database db;
    private final Registry registry;
    private final AuditLog audit;
    private final QueuedMessages.Offline outbox;
    private final HeldData held;

    private OfflineGatewayData(DataDirLock lock, HearthConfig config, Clock clock) throws IOException {
        this.lock = lock;
        Path dataDir = config.gateway().dataDir();
        this.db = Database.open(dataDir.resolve("hearth.db"));
        HomeKey key = PrivacyWiring.existingHomeKey(dataDir).orElseGet(() -> HomeKey.generate(new SecureRandom()));
        Pseudonymiser pseudonymiser = new Pseudonymiser(key);
        this.registry = new Registry(db, clock, NO_TIMERS, Duration.ofHours(1));
        HomeBook home = HomeBook.open(db, config.home().id(), config.home().owner());
        RoomBook rooms = RoomBook.open(db, registry, new RandomIds("r_"));
        ShareIndex index = new ShareIndex();
        AccessPolicy access = new AccessPolicy(home, rooms, registry, index);
        ShareBook shares = ShareBook.open(db, index, access, home, new RandomIds("s_"));
        this.audit = new AuditLog(dataDir, pseudonymiser::pseudonym);
        ConsentStore consent = new ConsentStore(db, config.privacy().uxProgramme());
        this.outbox = QueuedMessages.openOffline(db, config.cloud().outbox().maxAge(), clock);
        this.held = new HeldData(consent, shares, audit, home, access, registry, pseudonymiser, () -> Optional.<QueuedMessages>of(outbox));
    }

    /**
     * Opens the data directory of {@code config}. Throws {@link IllegalStateException} with a
     * message for people when there is no gateway data there, or a running gateway holds it.
     */
    public static OfflineGatewayData open(HearthConfig config, Clock clock) throws IOException {
        Path dataDir = config.gateway().dataDir();
        if (!Files.isRegularFile(dataDir.resolve("hearth.db"))) {
            throw new IllegalStateException("no gateway data in " + dataDir + " (hearth.db is missing)");
        }
        DataDirLock lock = DataDirLock.tryAcquire(dataDir).orElseThrow(() -> new IllegalStateException(
                "a running gateway holds " + dataDir + "; stop it first, or send the request through the cloud"
                        + " (withdraw_consent, export_user_data, erase_user_data)"));
        try {
            return new OfflineGatewayData(lock, config, clock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    public HeldData held() {
        return held;
    }

    /** Writes what changed and releases the data directory. */
    @Override
    public void close() {
        outbox.close();
        registry.close();
        audit.close();
        db.close();
        lock.close();
    }
}
