package dev.hearth.core;

import dev.hearth.config.CloudConfig;
import dev.hearth.config.HearthConfig;
import dev.hearth.config.Secret;
import dev.hearth.config.SecretsFile;
import dev.hearth.core.access.AuditedAccess;
import dev.hearth.core.access.Decision;
import dev.hearth.core.access.DeviceScope;
import dev.hearth.core.access.Operation;
import dev.hearth.core.cloud.BridgeSettings;
import dev.hearth.core.cloud.CloudCounters;
import dev.hearth.core.cloud.CommandGateSettings;
import dev.hearth.core.cloud.CloudTopics;
import dev.hearth.core.cloud.MessageKind;
import dev.hearth.core.cloud.OutboxLimits;
import dev.hearth.core.cloud.ReplyTopics;
import dev.hearth.core.cloud.TlsSettings;
import dev.hearth.core.cloud.command.Authorization;
import dev.hearth.core.cloud.command.Authorizer;
import dev.hearth.core.cloud.command.CommandMetrics;
import dev.hearth.core.cloud.command.DeviceCommands;
import dev.hearth.core.devices.CommandResult;
import dev.hearth.core.devices.SessionTable;
import dev.hearth.core.metrics.GatewayMetrics;
import dev.hearth.core.registry.Registry;
import dev.hearth.driver.api.model.ModelCatalog;
import dev.hearth.driver.api.model.Privilege;
import dev.hearth.protocols.cloud.v1.CommandBody;
import dev.hearth.protocols.cloud.v1.CommandReply;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** The cloud section of the configuration as bridge settings, and the bridge's adapters onto the core. */
final class CloudWiring {
    private CloudWiring() {
    }

    static BridgeSettings bridge(HearthConfig config, SecretsFile secrets) {
        CloudConfig c = config.cloud();
        Optional<TlsSettings> tls = c.tls().map(t -> new TlsSettings(
                t.caFile().orElseThrow(() -> new IllegalArgumentException("cloud.tls needs a caFile")),
                t.certFile(), t.keyFile()));
        Optional<Secret> password = c.password().or(secrets::mqttPassword);
        var topics = new CloudTopics(c.topicPrefix(), config.home().id(), config.gateway().id());
        return new BridgeSettings(c.brokers(), c.clientId(), c.username(), password, tls, topics,
                c.keepAlive(), Duration.ofSeconds(10), 100, Math.toIntExact(c.commands().maxPayload().bytes()) + 4096,
                c.reconnect(), GatewayVersion.version(),
                c.replyTopics().map(ReplyTopics::new).orElseGet(() -> ReplyTopics.defaults(topics)));
    }

    static CommandGateSettings gate(HearthConfig config) {
        CloudConfig c = config.cloud();
        return new CommandGateSettings(config.home().id(), config.gateway().id(),
                c.trustedKeys(),
                c.commands().clockSkew(), c.commands().maxValidity(), Math.toIntExact(c.commands().maxPayload().bytes()),
                100_000, config.online().commandTimeout());
    }

    static OutboxLimits outbox(CloudConfig c) {
        return new OutboxLimits(Math.toIntExact(Math.min(Integer.MAX_VALUE, c.outbox().maxMessages())),
                c.outbox().maxBytes().bytes(), c.outbox().maxAge(), 500, Duration.ofMillis(5));
    }

    /** Device commands from the cloud, carried out through the session table. */
    static DeviceCommands deviceCommands(SessionTable sessions, Duration timeout) {
        return (deviceId, command) -> sessions.execute(deviceId, command, timeout);
    }

    /**
     * Permission checks for device commands (DESIGN.md section 6), through the audited access
     * policy: setting needs OPERATE, an action what its model requires. Home operations (read_state,
     * rooms, shares, consent) check their own rules where they are carried out, so each command is
     * decided, and audited, once.
     */
    static Authorizer authorizer(AuditedAccess access, Registry registry, ModelCatalog models) {
        return command -> {
            CommandBody body = command.body();
            Optional<Operation> op = switch (body.getOperationCase()) {
                case SET_PROPERTIES -> Optional.of(Operation.SET_PROPERTIES);
                case INVOKE_ACTION -> Optional.of(Operation.invokeAction(actionRequirement(registry, models, body)));
                default -> Optional.empty();
            };
            if (op.isEmpty()) return Authorization.allowed();
            // no device, no scope to decide on: refused here rather than failing in DeviceScope
            if (body.getDevice().isBlank()) return new Authorization.Denied("no_device", "the command names no device");
            Decision d = access.decide(command.user(), new DeviceScope(body.getDevice()), op.get());
            return d.allowed() ? Authorization.allowed()
                    : new Authorization.Denied(d.code().name().toLowerCase(Locale.ROOT), d.reason());
        };
    }

    private static Privilege actionRequirement(Registry registry, ModelCatalog models, CommandBody body) {
        return registry.find(body.getDevice())
                .flatMap(d -> models.find(d.model()))
                .flatMap(m -> m.action(body.getInvokeAction().getAction()))
                .map(a -> a.action().required())
                .orElse(Privilege.OPERATE);
    }

    /** Every command's operation, result and latency; refusals of the gate and the policy also by reason. */
    static CommandMetrics commandMetrics(GatewayMetrics metrics) {
        return (origin, operation, status, reasonCode, latency) -> {
            metrics.command(operation, status.name());
            metrics.commandLatency(operation, status.name(), latency);
            switch (status) {
                case MALFORMED, BAD_SIGNATURE, EXPIRED, REPLAYED, FORBIDDEN, BUSY ->
                        metrics.commandRefused(origin.name(), reasonCode.isEmpty() ? status.name() : reasonCode);
                default -> { }
            }
        };
    }

    static CloudCounters counters(GatewayMetrics metrics) {
        return new CloudCounters() {
            @Override public void delivered(MessageKind kind) { }
            @Override public void dropped(MessageKind kind, DropReason reason) {
                metrics.outboxDropped(reason.name().toLowerCase(Locale.ROOT), 1);
            }
            @Override public void coalesced(MessageKind kind) { }
            @Override public void connectAttempt() { metrics.mqttReconnect(); }
            @Override public void connected() { }
            @Override public void connectionLost() { }
            // every command, cloud and local, is counted by operation and result in commandMetrics
            @Override public void commandAnswered(CommandReply.Status status) { }
            @Override public void stateTrimmed(int truncated, int omitted) {
                metrics.stateTrimmed(truncated, omitted);
            }
            @Override public void commandDropped(String reason) {
                metrics.command("cloud", "dropped_" + reason);
            }
            @Override public void publishRefused(MessageKind kind, int reasonCode) {
                metrics.mqttRefused("publish", kind.name(), reasonCode);
            }
            @Override public void subscribeRefused(int reasonCode) {
                metrics.mqttRefused("subscribe", "commands", reasonCode);
            }
            @Override public void brokerChanged() { metrics.mqttBrokerChanged(); }
            @Override public void commandUnanswerable(CommandReply.Status status) {
                metrics.command("cloud", "unanswerable_" + status.name());
            }
        };
    }
}
