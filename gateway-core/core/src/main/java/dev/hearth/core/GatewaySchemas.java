package dev.hearth.core;

import dev.hearth.core.access.ShareBook;
import dev.hearth.core.cloud.CloudBridge;
import dev.hearth.core.home.HomeBook;
import dev.hearth.core.privacy.ConsentStore;
import dev.hearth.core.privacy.UnknownFieldRules;
import dev.hearth.core.registry.Registry;
import dev.hearth.core.storage.Database;
import dev.hearth.core.storage.JdbcCalls;
import dev.hearth.core.storage.Schema;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every store's schema, applied in one step when the gateway database opens (DESIGN.md section 8):
 * a store refuses a database opened without its schema, so a new store is added here or not at all.
 */
public final class GatewaySchemas {
    public static final List<Schema> ALL = Stream.concat(
            Stream.of(Registry.SCHEMA, HomeBook.SCHEMA, ShareBook.SCHEMA, ConsentStore.SCHEMA, UnknownFieldRules.SCHEMA,
                    dev.hearth.core.uplink.TelemetryIds.SCHEMA, dev.hearth.core.devices.PersistentDriverState.SCHEMA,
                    dev.hearth.core.privacy.UsageStatsStore.SCHEMA),
            Stream.concat(dev.hearth.core.trust.TrustBook.SCHEMAS.stream(), CloudBridge.SCHEMAS.stream())).toList(); // the outbox is the bridge's own: only it may name it

    private GatewaySchemas() {
    }

    /** Opens the gateway database at {@code file} with every store's schema applied. */
    public static Database open(Path file) {
        return Database.open(file, ALL);
    }

    /** As {@link #open(Path)}, every JDBC call reported to {@code calls} (the storage-thread test). */
    public static Database open(Path file, JdbcCalls calls) {
        return Database.open(file, ALL, Clock.systemUTC(), calls);
    }
}
