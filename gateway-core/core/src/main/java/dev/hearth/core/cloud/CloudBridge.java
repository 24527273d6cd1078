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
import dev.hearth.core.privacy.CloudPayload;
import dev.hearth.core.privacy.ReplyFilter;
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
 * The cloud bridge (DESIGN.md section 7): up, it takes {@link CloudPayload}s, queues them in the
 * durable {@link Outbox} and publishes them over the {@link MqttLink}; down, it runs commands
 * through the {@link CommandService}. Build it with {@link #builder()}.
 *
 * <p>The up methods accept only {@link CloudPayload}s, which only the privacy package can make
 * (from a FilteredTelemetry, an availability, the pseudonymous registry, a filtered reply), and
 * the outbox and the link are reachable from nowhere but this package: unfiltered data cannot
 * reach MQTT by construction (an ArchUnit rule in the tests holds it).
 */
public final class CloudBridge implements AutoCloseable {
    /** The bridge's tables (the outbox, the seen command nonces), applied when the database opens. */
    public static final java.util.List<dev.hearth.core.storage.Schema> SCHEMAS =
            java.util.List.of(dev.hearth.core.cloud.command.CommandGate.SCHEMA, dev.hearth.core.cloud.outbox.Outbox.SCHEMA);

    private final CloudTopics topics;
    private static final int TOPIC_CACHE = 4_096;
    private final java.util.concurrent.ConcurrentHashMap<String, String> telemetryTopics = new java.util.concurrent.ConcurrentHashMap<>();
    private final Outbox outbox;
    private final MqttLink link;
    private final CommandExecutor commands;
    private final QueuedMessages queued;
    private final CloudCounters counters;
    private final dev.hearth.core.logging.ratelimit.RateLimitedLog trimmed;
    private final java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();

    private CloudBridge(Builder b) {
        this.topics = b.settings.topics();
        this.outbox = Outbox.open(b.database, b.limits, b.clock, b.counters);
        this.queued = QueuedMessages.of(outbox);
        this.counters = b.counters;
        this.trimmed = new dev.hearth.core.logging.ratelimit.RateLimitedLog(org.slf4j.LoggerFactory.getLogger(CloudBridge.class), b.clock,
                java.time.Duration.ofMinutes(1));
        var gate = new CommandGate(b.gateSettings, b.database, b.trust.<Clock>map(t -> t.clock()).orElse(b.clock), b.trust);
        this.commands = new CommandExecutor(b.authorizer, b.devices, b.home, b.scheduler, b.gateSettings.deviceTimeout(),
                b.commandMetrics, 1024, new dev.hearth.core.logging.LogPseudonyms(b.replyFilter::pseudonym));
        var service = new CommandService(gate, commands, outbox, b.replyFilter, b.counters);
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
    public CompletionStage<Long> publishTelemetry(CloudPayload<Telemetry> t) {
        return outbox.enqueue(telemetry(t.message()));
    }

    /** Queues the retained state of a device; a queued older state of the same device is replaced. */
    public CompletionStage<Long> publishState(CloudPayload<DeviceState> s) {
        return outbox.enqueue(state(s.message()));
    }

    public CompletionStage<Long> publishAvailability(CloudPayload<Availability> a) {
        return outbox.enqueue(availability(a.message()));
    }

    public CompletionStage<Long> publishRegistry(CloudPayload<Registry> r) {
        return outbox.enqueue(registry(r.message()));
    }

    /** Queues the day's usage aggregates (QoS 1, not retained); durable when the stage completes. */
    public CompletionStage<Long> publishStats(CloudPayload<dev.hearth.protocols.cloud.v1.UsageStats> s) {
        return outbox.enqueue(OutboundMessage.of(MessageKind.STATS, topics.stats(), s.message().toByteArray()));
    }

    public LinkStatus linkStatus() {
        return link.status();
    }

    /** Back to the first listed broker node, if the link is on another (see {@link MqttLink#returnToPreferred()}). */
    public void returnToPreferredBroker() {
        link.returnToPreferred();
    }

    /** The largest message the broker takes (from its CONNACK, kept across restarts); larger ones are refused at enqueue. */
    public long brokerMaxPacket() {
        return outbox.maxPacket();
    }

    public OutboxStats outboxStats() {
        return outbox.stats();
    }

    /**
     * What waits in the durable outbox, for erasure requests, exports and retention (they read and
     * purge what it holds); the outbox itself stays inside the cloud package.
     */
    public QueuedMessages queued() {
        return queued;
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
        for (CloudPayload<Availability> a : snapshot.availabilities()) out.add(availability(a.message()));
        for (CloudPayload<DeviceState> s : snapshot.states()) out.add(state(s.message()));
        snapshot.registry().ifPresent(r -> out.add(registry(r.message())));
        return out;
    }

    private OutboundMessage telemetry(Telemetry t) {
        return OutboundMessage.of(MessageKind.TELEMETRY, telemetryTopic(t.getDevice()), versioned(t).toByteArray());
    }

    /**
     * One topic string per device, shared by all its queued telemetry (a backlog of 360,000 messages
     * held as many copies of ~50 bytes); at most {@link #TOPIC_CACHE} devices, past that built per message.
     */
    private String telemetryTopic(String device) {
        String cached = telemetryTopics.get(device);
        if (cached != null) return cached;
        String topic = topics.telemetry(device); // validates the device id
        if (telemetryTopics.size() < TOPIC_CACHE) telemetryTopics.putIfAbsent(device, topic);
        return topic;
    }

    /** A device's retained state, made to fit the broker's Maximum Packet Size (see {@link RetainedStateFit}). */
    private OutboundMessage state(DeviceState s) {
        String topic = topics.state(s.getDevice());
        RetainedStateFit.Fitted fitted = RetainedStateFit.fit(versioned(s),
                candidate -> outbox.fits(OutboundMessage.of(MessageKind.STATE, topic, candidate.toByteArray())));
        if (fitted.changed()) {
            counters.stateTrimmed(fitted.truncated().size(), fitted.omitted().size());
            trimmed.warn("device " + dev.hearth.core.logging.LogSafe.of(s.getDevice()) + ": its state is larger than the broker's "
                    + "maximum packet size (" + outbox.maxPacket() + " bytes); published with " + fitted.truncated().size()
                    + " value(s) cut short and " + fitted.omitted().size() + " propert(ies) left out");
        }
        return OutboundMessage.of(MessageKind.STATE, topic, fitted.state().toByteArray());
    }

    private OutboundMessage availability(Availability a) {
        return OutboundMessage.of(MessageKind.AVAILABILITY, topics.availability(a.getDevice()), versioned(a).toByteArray());
    }

    private OutboundMessage registry(Registry r) {
        return OutboundMessage.of(MessageKind.REGISTRY, topics.registry(), versioned(r).toByteArray());
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
        private ReplyFilter replyFilter;
        private Scheduler scheduler;
        private Clock clock = Clock.systemUTC();
        private CloudCounters counters = CloudCounters.none();
        private java.util.Optional<dev.hearth.core.trust.TrustBook> trust = java.util.Optional.empty();

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
        /** Required: every command reply goes through it (user ids pseudonymised). */
        public Builder replyFilter(ReplyFilter f) { this.replyFilter = f; return this; }
        public Builder scheduler(Scheduler s) { this.scheduler = s; return this; }
        public Builder clock(Clock c) { this.clock = c; return this; }
        public Builder counters(CloudCounters c) { this.counters = c; return this; }
        /** {@code trust: users}: commands must be signed by users' own keys, checked against {@code t}. */
        public Builder userTrust(dev.hearth.core.trust.TrustBook t) { this.trust = java.util.Optional.of(t); return this; }

        public CloudBridge start() {
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(gateSettings, "commandGate settings");
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(devices, "deviceCommands");
            Objects.requireNonNull(authorizer, "authorizer: a bridge without one would let every command through");
            Objects.requireNonNull(scheduler, "scheduler");
            Objects.requireNonNull(replyFilter, "replyFilter");
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
