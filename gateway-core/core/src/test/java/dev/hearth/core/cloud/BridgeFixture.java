package dev.hearth.core.cloud;

import dev.hearth.config.TrustedKey;

import dev.hearth.core.GatewaySchemas;
import dev.hearth.testkit.Conditions;

import dev.hearth.driver.api.SystemScheduler;
import dev.hearth.core.cloud.command.TestCommands;
import dev.hearth.core.privacy.TestPayloads;
import dev.hearth.core.cloud.command.CommandClient;
import dev.hearth.protocols.cloud.CommandSigner;
import dev.hearth.core.devices.CommandResult;
import dev.hearth.core.cloud.command.DeviceCommands;
import dev.hearth.core.cloud.command.Ed25519KeyFiles;
import dev.hearth.core.storage.Database;
import dev.hearth.driver.api.Backoff;
import dev.hearth.driver.api.CommandFailure;
import dev.hearth.driver.api.CommandOutcome;
import dev.hearth.driver.api.DeviceCommand;
import dev.hearth.protocols.cloud.v1.GatewayStatus;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bridge under test with its parts: a database file, counters, a scheduler, stub devices and a
 * signing key. Stub devices: "lamp" answers OK at once, "ghost" is unknown, "sleepy" is offline,
 * "slow" never answers, "fussy" rejects arguments (as a driver does: exceptionally).
 */
public final class BridgeFixture implements AutoCloseable {
    public static final KeyPair KEY = Ed25519KeyFiles.generate();
    private static final AtomicLong GATEWAYS = new AtomicLong();

    public final CloudTopics topics;
    public final InMemoryCloudCounters counters = new InMemoryCloudCounters();
    public final SystemScheduler scheduler = new SystemScheduler("test-scheduler");
    public final Database db;
    public final CommandSigner signer = new CommandSigner("k1", KEY.getPrivate(), Clock.systemUTC(), new SecureRandom(), Duration.ofSeconds(60));
    private CloudBridge bridge;

    public BridgeFixture(Path dir) {
        this(dir, CloudTopics.of("home1", "gw" + ProcessHandle.current().pid() + "-" + GATEWAYS.incrementAndGet()));
    }

    public BridgeFixture(Path dir, CloudTopics topics) {
        this.topics = topics;
        this.db = GatewaySchemas.open(dir.resolve("hearth.db"));
    }

    public static CompletableFuture<CommandResult> stubDevices(String device, DeviceCommand command) {
        return switch (device) {
            case "lamp" -> CompletableFuture.completedFuture(new CommandResult.Completed(new CommandOutcome(
                    command instanceof DeviceCommand.SetProperties s
                            ? s.values().keySet().stream().map(k -> new CommandOutcome.Item(k, 0, "", Optional.empty())).toList()
                            : List.of(new CommandOutcome.Item(((DeviceCommand.InvokeAction) command).action(), 0, "", Optional.empty())))));
            case "ghost" -> CompletableFuture.completedFuture(new CommandResult.Rejected(CommandResult.Rejection.UNKNOWN_DEVICE, "no device ghost"));
            case "sleepy" -> CompletableFuture.completedFuture(new CommandResult.Rejected(CommandResult.Rejection.DEVICE_OFFLINE, "sleepy is offline"));
            case "slow" -> new CompletableFuture<>();
            case "fussy" -> CompletableFuture.failedFuture(new CommandFailure(CommandFailure.Code.INVALID_ARGUMENT, "2.1 is read-only"));
            default -> CompletableFuture.completedFuture(new CommandResult.Rejected(CommandResult.Rejection.UNKNOWN_DEVICE, "no device " + device));
        };
    }

    public CommandGateSettings gateSettings() {
        return CommandGateSettings.defaults("home1", topics.gateway(), List.of(TrustedKey.ofBase64("k1", Ed25519KeyFiles.publicKeyBase64(KEY))))
                .withDeviceTimeout(Duration.ofMillis(500));
    }

    public BridgeSettings settings(URI broker) {
        return BridgeSettings.plain(broker, topics.gateway(), topics)
                .withReconnect(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0, 0.2))
                .withKeepAlive(Duration.ofSeconds(2));
    }

    public CloudBridge start(BridgeSettings settings, OutboxLimits limits, RetainedSnapshot snapshot, DeviceCommands devices) {
        bridge = CloudBridge.builder()
                .settings(settings)
                .commandGate(gateSettings())
                .outboxLimits(limits)
                .database(db)
                .snapshot(snapshot)
                .deviceCommands(devices)
                .authorizer(TestCommands.ALLOW_ALL_FOR_TESTS)
                .scheduler(scheduler)
                .counters(counters)
                .replyFilter(TestPayloads.replyFilter())
                .start();
        return bridge;
    }

    public CloudBridge start(URI broker) {
        return start(settings(broker), OutboxLimits.defaults(), RetainedSnapshot.empty(), BridgeFixture::stubDevices);
    }

    /** Waits until the bridge is connected and subscribed to its commands. */
    public void awaitConnected() {
        Conditions.until(Duration.ofSeconds(15), () -> bridge.linkStatus().connected(), () -> "bridge connected: " + bridge.linkStatus());
    }

    public CommandClient commandClient(URI broker) throws Exception {
        return CommandClient.connect(broker, Optional.empty(), topics, Duration.ofSeconds(10));
    }

    public static Optional<GatewayStatus> status(CloudSubscriber.Received r) {
        try {
            return Optional.of(GatewayStatus.parseFrom(r.payload()));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        if (bridge != null) bridge.close();
        scheduler.close();
        db.close();
    }
}
