package dev.hearth.core.cloud.fleet;

import dev.hearth.config.Secret;
import dev.hearth.core.GatewaySchemas;
import dev.hearth.core.cloud.BridgeSettings;
import dev.hearth.core.cloud.BridgeFixture;
import dev.hearth.core.cloud.CloudBridge;
import dev.hearth.core.cloud.CloudTopics;
import dev.hearth.core.cloud.CommandGateSettings;
import dev.hearth.core.cloud.InMemoryCloudCounters;
import dev.hearth.core.cloud.OutboxLimits;
import dev.hearth.core.cloud.RetainedSnapshot;
import dev.hearth.config.TrustedKey;
import dev.hearth.core.cloud.command.Ed25519KeyFiles;
import dev.hearth.core.cloud.command.TestCommands;
import dev.hearth.core.privacy.TestPayloads;
import dev.hearth.core.storage.Database;
import dev.hearth.driver.api.Backoff;
import dev.hearth.driver.api.SystemScheduler;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One gateway of a test fleet: the real cloud bridge (outbox in its own SQLite file, MQTT link,
 * command gate) with the fleet user's credentials, the given broker list, and the stub devices of
 * {@link BridgeFixture} behind its commands. {@code topics} may name another home than the
 * credentials' (a gateway trying another home's topics).
 */
final class FleetGateway implements AutoCloseable {
    final CloudTopics topics;
    final InMemoryCloudCounters counters = new InMemoryCloudCounters();
    /** Commands that reached the (stub) devices. */
    final java.util.concurrent.atomic.AtomicInteger executed = new java.util.concurrent.atomic.AtomicInteger();
    private final SystemScheduler scheduler;
    private final Database db;
    final CloudBridge bridge;

    FleetGateway(Path dir, CloudTopics topics, String user, String password, List<URI> brokers, RetainedSnapshot snapshot) {
        this.topics = topics;
        this.scheduler = new SystemScheduler("fleet-" + topics.gateway());
        this.db = GatewaySchemas.open(dir.resolve(topics.home() + "-" + topics.gateway() + ".db"));
        var settings = BridgeSettings.plain(brokers.get(0), topics.home() + "-" + topics.gateway(), topics)
                .withBrokers(brokers)
                .withCredentials(user, Secret.of(password))
                .withReconnect(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0, 0.2))
                .withKeepAlive(Duration.ofSeconds(2));
        var gate = CommandGateSettings.defaults(topics.home(), topics.gateway(),
                List.of(TrustedKey.ofBase64("k1", Ed25519KeyFiles.publicKeyBase64(BridgeFixture.KEY))))
                .withDeviceTimeout(Duration.ofMillis(500));
        this.bridge = CloudBridge.builder()
                .settings(settings)
                .commandGate(gate)
                .outboxLimits(OutboxLimits.defaults())
                .database(db)
                .snapshot(snapshot)
                .deviceCommands((device, command) -> {
                    executed.incrementAndGet();
                    return BridgeFixture.stubDevices(device, command);
                })
                .authorizer(TestCommands.ALLOW_ALL_FOR_TESTS)
                .scheduler(scheduler)
                .counters(counters)
                .replyFilter(TestPayloads.replyFilter())
                .start();
    }

    boolean connected() {
        return bridge.linkStatus().connected();
    }

    @Override
    public void close() {
        bridge.close();
        scheduler.close();
        db.close();
    }
}
