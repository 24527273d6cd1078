package dev.hearth.core.cloud;

import dev.hearth.core.cloud.command.Authorizer;
import dev.hearth.core.cloud.command.CommandExecutor;
import dev.hearth.core.cloud.command.CommandGate;
import dev.hearth.core.cloud.command.CommandMetrics;
import dev.hearth.core.cloud.command.CommandService;
import dev.hearth.core.cloud.command.DeviceCommands;
import dev.hearth.core.cloud.command.HomeOperations;
import dev.hearth.core.cloud.mqtt.LinkStatus;
import dev.hearth.core.cloud.mqtt.MqttLink;
import dev.hearth.core.cloud.outbox.Outbox;
import dev.hearth.core.cloud.outbox.OutboxStats;
import dev.hearth.core.storage.Database;
import dev.hearth.driver.api.Scheduler;
import dev.hearth.protocols.cloud.v1.Availability;
import dev.hearth.protocols.cloud.v1.DeviceState;
import dev.hearth.protocols.cloud.v1.Registry;
import dev.hearth.protocols.cloud.v1.Telemetry;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * The cloud bridge (DESIGN.md section 7): up, it takes already-filtered protobuf messages, queues
 * them in the durable {@link Outbox} and publishes them over the {@link MqttLink}; down, it runs
 * commands through the {@link CommandService}. Build it with {@link #builder()}.
 *
 * <p>The up methods accept only messages that the privacy filter produced: the lead wires
 * FilteredTelemetry to them, nothing else calls them.
 */
public final class CloudBridge implements AutoCloseable {
    private final CloudTopics topics;
    private final Outbox outbox;
    private final MqttLink link;
    private final CommandExecutor commands;
    private final java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();

    private CloudBridge(Builder b) {
        this.topics = b.settings.topics();
        this.outbox = Outbox.open(b.database, b.limits, b.clock, b.counters);
        var gate = new CommandGate(b.gateSettings, b.database, b.clock);
        this.commands = new CommandExecutor(b.authorizer, b.devices, b.home, b.scheduler, b.gateSettings.deviceTimeout(),
                b.commandMetrics, 1024);
        var service = new CommandService(gate, commands, outbox, b.counters);
        RetainedSnapshot snapshot = b.snapshot;
        SecureRandom jitter = new SecureRandom();
        this.link = new MqttLink(b.settings, outbox, () -> retained(snapshot), service, b.scheduler, b.clock, b.counters, jitter::nextDouble);
    }

    public static Builder builder() {
        return new Builder();
    }

    private void start() {
        link.start();
    }

    /** Queues a telemetry message for devices/{device}/telemetry; durable when the stage completes. */
    public CompletionStage<Long> publishTelemetry(Telemetry t) {
        return outbox.enqueue(OutboundMessage.of(MessageKind.TELEMETRY, topics.telemetry(t.getDevice()), versioned(t).toByteArray()));
    }

    /** Queues the retained state of a device; a queued older state of the same device is replaced. */
    public CompletionStage<Long> publishState(DeviceState s) {
        return outbox.enqueue(OutboundMessage.of(MessageKind.STATE, topics.state(s.getDevice()), versioned(s).toByteArray()));
    }

    public CompletionStage<Long> publishAvailability(Availability a) {
        return outbox.enqueue(OutboundMessage.of(MessageKind.AVAILABILITY, topics.availability(a.getDevice()), versioned(a).toByteArray()));
    }

    public CompletionStage<Long> publishRegistry(Registry r) {
        return outbox.enqueue(OutboundMessage.of(MessageKind.REGISTRY, topics.registry(), versioned(r).toByteArray()));
    }

    public LinkStatus linkStatus() {
        return link.status();
    }

    public OutboxStats outboxStats() {
        return outbox.stats();
    }

    /** The durable outbox, for erasure requests and retention (they purge what it holds). */
    public Outbox outbox() {
        return outbox;
    }

    public CloudTopics topics() {
        return topics;
    }

    /** Drops the connection as a crash would (the will is published) and stops. */
    public void abort() {
        if (!stopped.compareAndSet(false, true)) return;
        link.abort();
        commands.close();
        outbox.close();
    }

    /** Publishes the OFFLINE status, disconnects, and writes what is queued to disk. */
    @Override
    public void close() {
        if (!stopped.compareAndSet(false, true)) return;
        link.close();
        commands.close();
        outbox.close();
    }

    private List<OutboundMessage> retained(RetainedSnapshot snapshot) {
        var out = new ArrayList<OutboundMessage>();
        for (Availability a : snapshot.availabilities()) {
            out.add(OutboundMessage.of(MessageKind.AVAILABILITY, topics.availability(a.getDevice()), versioned(a).toByteArray()));
        }
        for (DeviceState s : snapshot.states()) {
            out.add(OutboundMessage.of(MessageKind.STATE, topics.state(s.getDevice()), versioned(s).toByteArray()));
        }
        snapshot.registry().ifPresent(r -> out.add(OutboundMessage.of(MessageKind.REGISTRY, topics.registry(), versioned(r).toByteArray())));
        return out;
    }

    private static Telemetry versioned(Telemetry t) {
        return t.getSchemaVersion() != 0 ? t : t.toBuilder().setSchemaVersion(1).build();
    }

    private static DeviceState versioned(DeviceState s) {
        return s.getSchemaVersion() != 0 ? s : s.toBuilder().setSchemaVersion(1).build();
    }

    private static Availability versioned(Availability a) {
        return a.getSchemaVersion() != 0 ? a : a.toBuilder().setSchemaVersion(1).build();
    }

    private static Registry versioned(Registry r) {
        return r.getSchemaVersion() != 0 ? r : r.toBuilder().setSchemaVersion(1).build();
    }

    /** Collects the bridge's parts; {@link #start()} opens the outbox and starts connecting. */
    public static final class Builder {
        private BridgeSettings settings;
        private CommandGateSettings gateSettings;
        private OutboxLimits limits = OutboxLimits.defaults();
        private Database database;
        private RetainedSnapshot snapshot = RetainedSnapshot.empty();
        private DeviceCommands devices;
        private Authorizer authorizer;
        private HomeOperations home = HomeOperations.unsupported();
        private CommandMetrics commandMetrics = CommandMetrics.none();
        private Scheduler scheduler;
        private Clock clock = Clock.systemUTC();
        private CloudCounters counters = CloudCounters.none();

        private Builder() {
        }

        public Builder settings(BridgeSettings s) { this.settings = s; return this; }
        public Builder commandGate(CommandGateSettings s) { this.gateSettings = s; return this; }
        public Builder outboxLimits(OutboxLimits l) { this.limits = l; return this; }
        public Builder database(Database d) { this.database = d; return this; }
        public Builder snapshot(RetainedSnapshot s) { this.snapshot = s; return this; }
        public Builder deviceCommands(DeviceCommands d) { this.devices = d; return this; }
        /** Required: who may do what (the gateway passes the audited access policy); there is no default. */
        public Builder authorizer(Authorizer a) { this.authorizer = a; return this; }
        public Builder commandMetrics(CommandMetrics m) { this.commandMetrics = m; return this; }
        public Builder homeOperations(HomeOperations h) { this.home = h; return this; }
        public Builder scheduler(Scheduler s) { this.scheduler = s; return this; }
        public Builder clock(Clock c) { this.clock = c; return this; }
        public Builder counters(CloudCounters c) { this.counters = c; return this; }

        public CloudBridge start() {
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(gateSettings, "commandGate settings");
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(devices, "deviceCommands");
            Objects.requireNonNull(authorizer, "authorizer: a bridge without one would let every command through");
            Objects.requireNonNull(scheduler, "scheduler");
            if (!gateSettings.home().equals(settings.topics().home())) {
                throw new IllegalArgumentException("the command gate's home \"" + gateSettings.home()
                        + "\" differs from the topics' home \"" + settings.topics().home() + "\"");
            }
            if (!gateSettings.gateway().equals(settings.topics().gateway())) {
                throw new IllegalArgumentException("the command gate's gateway \"" + gateSettings.gateway()
                        + "\" differs from the topics' gateway \"" + settings.topics().gateway() + "\"");
            }
            var bridge = new CloudBridge(this);
            bridge.start();
            return bridge;
        }
    }
}
