package dev.hearth.core.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.core.access.AccessPolicy;
import dev.hearth.core.access.AuditLog;
import dev.hearth.core.access.AuditedAccess;
import dev.hearth.core.access.RoomScope;
import dev.hearth.core.access.ShareBook;
import dev.hearth.core.access.ShareIndex;
import dev.hearth.core.cloud.command.TestCommands;
import dev.hearth.core.home.CountingIds;
import dev.hearth.core.home.HomeBook;
import dev.hearth.core.home.RoomBook;
import dev.hearth.core.privacy.PrivacyFilter;
import dev.hearth.core.privacy.PrivacyFixtures;
import dev.hearth.core.privacy.PrivacyPolicy;
import dev.hearth.core.registry.Registry;
import dev.hearth.core.storage.Database;
import dev.hearth.testkit.ManualClock;
import dev.hearth.testkit.ManualScheduler;
import dev.hearth.driver.api.DiscoveredDevice;
import dev.hearth.driver.api.value.Value;
import dev.hearth.protocols.cloud.v1.CommandBody;
import dev.hearth.protocols.cloud.v1.CommandReply;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A home for router tests on a real SQLite file and a manual clock, wired as the gateway wires it:
 * owner u1; devices lamp-1 (state 2.1 on, 2.2 brightness, 4.1 wifi_ssid which is PERSONAL) and
 * lock-1, both unassigned; no rooms. The audit log pseudonymises user ids as {@code p-<id>}.
 */
final class RouterFixture implements AutoCloseable {
    static final String OWNER = "u1";
    static final String LAMP = "lamp-1";
    static final String LOCK = "lock-1";

    final ManualClock clock = new ManualClock();
    final ManualScheduler scheduler = new ManualScheduler(clock);
    final AtomicInteger registryChanges = new AtomicInteger();
    final Database db;
    final Registry registry;
    final HomeBook home;
    final RoomBook rooms;
    final ShareBook shares;
    final AuditLog audit;
    final AuditedAccess access;
    final HomeCommandRouter router;

    RouterFixture(Path dir, PrivacyCommands privacy) {
        db = Database.open(dir.resolve("hearth.db"));
        registry = new Registry(db, clock, scheduler, Duration.ofSeconds(2));
        home = HomeBook.open(db, "h1", OWNER);
        rooms = RoomBook.open(db, registry, new CountingIds("r_"));
        ShareIndex index = new ShareIndex();
        AccessPolicy policy = new AccessPolicy(home, rooms, registry, index);
        shares = ShareBook.open(db, index, policy, home, new CountingIds("s"));
        rooms.addListener((room, moved) -> shares.endSharesOn(new RoomScope(room.id())));
        audit = new AuditLog(dir, u -> "p-" + u);
        PrivacyFilter filter = PrivacyFixtures.filter(PrivacyPolicy.defaults(), new PrivacyFixtures.MemoryConsent(false));
        access = new AuditedAccess(policy, audit, clock);
        HomeParts parts = new HomeParts(home, rooms, shares, registry, PrivacyFixtures.catalog(), filter,
                access, clock, registryChanges::incrementAndGet);
        router = new HomeCommandRouter(parts, privacy);
        addDevice(LAMP, PrivacyFixtures.LAMP);
        addDevice(LOCK, PrivacyFixtures.LOCK);
        Map<String, Value> state = new LinkedHashMap<>();
        state.put("2.1", Value.of(true));
        state.put("2.2", Value.of(40));
        state.put("4.1", Value.of("HomeWifi-Smith"));
        registry.stateReported(LAMP, state, clock.instant());
    }

    RouterFixture(Path dir) {
        this(dir, HomeCommandRouter.privacyUnsupported());
    }

    private void addDevice(String id, String model) {
        registry.recordDiscovery(new DiscoveredDevice(id, "native", model, new InetSocketAddress("127.0.0.1", 7000), Map.of()));
    }

    /** Runs one command for {@code user} on {@code device} (may be empty) through the router. */
    CommandReply run(String user, String device, UnaryOperator<CommandBody.Builder> op) {
        long now = clock.millis();
        CommandBody body = op.apply(CommandBody.newBuilder().setSchemaVersion(1).setRequestId("r").setUser(user)
                .setHome("h1").setDevice(device).setIssuedAtMs(now).setExpiresAtMs(now + 60_000)
                .setNonce(ByteString.copyFrom(new byte[16]))).build();
        return router.handle(TestCommands.verifiedWithoutGate(body)).toCompletableFuture().join();
    }

    static JsonNode data(CommandReply reply) {
        try {
            return Replies.JSON.readTree(reply.getData().toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        registry.close();
        audit.close();
        db.close();
    }
}
