package dev.hearth.core;

import dev.hearth.config.ConfigProblem;
import dev.hearth.config.HearthConfig;
import dev.hearth.config.SecretsFile;
import dev.hearth.core.access.AccessPolicy;
import dev.hearth.core.access.AuditLog;
import dev.hearth.core.access.AuditedAccess;
import dev.hearth.core.cloud.CloudBridge;
import dev.hearth.core.cloud.command.Authorizer;
import dev.hearth.core.cloud.command.CommandExecutor;
import dev.hearth.core.cloud.command.LocalCommands;
import dev.hearth.core.commands.HomeCommandRouter;
import dev.hearth.core.commands.HomeParts;
import dev.hearth.core.privacy.ConsentStore;
import dev.hearth.core.privacy.Generaliser;
import dev.hearth.core.privacy.PersonalDataDetector;
import dev.hearth.core.privacy.PrivacyFilter;
import dev.hearth.core.privacy.Pseudonymiser;
import dev.hearth.core.privacy.ReplyFilter;
import dev.hearth.core.privacy.UnknownFieldRecord;
import dev.hearth.core.privacy.UnknownFieldReview;
import dev.hearth.core.privacy.UnknownFieldRules;
import dev.hearth.core.privacy.rights.DataDirLock;
import dev.hearth.core.privacy.rights.HeldData;
import dev.hearth.core.privacy.rights.PrivacyCommandHandler;
import dev.hearth.core.privacy.rights.RetentionJob;
import dev.hearth.core.privacy.rights.UserDataExport;
import dev.hearth.core.privacy.rights.UserErasure;
import dev.hearth.core.uplink.CloudUplink;
import dev.hearth.core.uplink.TelemetryIds;
import dev.hearth.core.api.LocalApi;
import dev.hearth.core.access.DeviceScope;
import dev.hearth.core.access.RoomScope;
import dev.hearth.core.access.Share;
import dev.hearth.core.access.ShareBook;
import dev.hearth.core.access.ShareExpiry;
import dev.hearth.core.access.ShareIndex;
import dev.hearth.core.devices.DeviceEventLanes;
import dev.hearth.core.devices.DeviceEventWorkers;
import dev.hearth.core.devices.DeviceSecrets;
import dev.hearth.config.SecretsFileWriter;
import dev.hearth.core.devices.InstalledDrivers;
import dev.hearth.core.devices.PersistentDriverState;
import dev.hearth.core.devices.SessionTable;
import dev.hearth.core.devices.StaticDeviceIdentities;
import dev.hearth.core.discovery.Adoption;
import dev.hearth.core.discovery.DiscoveryInbox;
import dev.hearth.core.discovery.MdnsDiscovery;
import dev.hearth.core.home.ConfiguredPlacement;
import dev.hearth.core.home.HomeBook;
import dev.hearth.core.home.RandomIds;
import dev.hearth.core.home.RoomBook;
import dev.hearth.core.http.ApiToken;
import dev.hearth.core.http.EventStream;
import dev.hearth.core.http.HttpApiServer;
import dev.hearth.core.metrics.GatewayMetrics;
import dev.hearth.core.online.OnlineStatus;
import dev.hearth.core.online.OnlineTracker;
import dev.hearth.core.registry.DeviceRecord;
import dev.hearth.core.registry.Registry;
import dev.hearth.core.registry.RegistryChange;
import dev.hearth.core.storage.DataDirectory;
import dev.hearth.core.storage.Database;
import dev.hearth.core.storage.JdbcCalls;
import dev.hearth.driver.api.SystemScheduler;
import dev.hearth.driver.api.DeviceDriver;
import dev.hearth.driver.api.DeviceSecret;
import dev.hearth.driver.api.DriverContext;
import dev.hearth.driver.api.DriverCounters;
import dev.hearth.driver.api.OfflineReason;
import dev.hearth.driver.api.model.ModelCatalog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every component from the configuration, wires them, starts them
 * in order and stops them in reverse. Constructor injection everywhere else; this is the one place
 * that knows the whole graph (DESIGN.md section 2).
 */
public final class GatewayAssembly implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayAssembly.class);
    private static final Duration REGISTRY_FLUSH = Duration.ofSeconds(2);
    /** Devices whose drivers may keep state across restarts (miIO request ids): far more than a home has. */
    private static final int MAX_DEVICES_WITH_DRIVER_STATE = 4096;
    private static final Duration RETENTION_EVERY = Duration.ofHours(1);
    /** How often the usage statistics check for a finished day to publish. */
    private static final Duration USAGE_EVERY = Duration.ofHours(1);
    /** How late a share that runs out may still be shown as shared (access ends on time regardless). */
    private static final Duration SHARE_EXPIRY_EVERY = Duration.ofSeconds(30);
    /**
     * Device-event workers. One: the gateway is sized for two cores, and a second worker let intake
     * take the CPU the cloud link needed when telemetry outran the link (bench/results/threads.md);
     * the lanes keep each device in order with any number.
     */
    private static final int DEVICE_EVENT_THREADS = 1;
    /** Events one device may have waiting, and all devices together (DeviceEventLanes: the flood policy). */
    private static final int DEVICE_EVENTS_PER_DEVICE = 256;
    private static final int DEVICE_EVENTS_QUEUED = 16_384;

    private final HearthConfig config;
    private final Clock clock;
    /** Latency-sensitive timers: heartbeat watchdogs, handshakes, reconnects, command timeouts, flap holds (DESIGN.md section 12). */
    private final SystemScheduler scheduler = new SystemScheduler("hearth-timers");
    /** Housekeeping that may take a while (registry flush, retention and the audit rewrite, share expiry, mDNS re-queries). */
    private final SystemScheduler housekeeping = new SystemScheduler("hearth-housekeeping");
    /** What devices report runs here, per device in order, never on a driver's I/O thread. */
    private final DeviceEventWorkers deviceWorkers = new DeviceEventWorkers(DEVICE_EVENT_THREADS);
    private final GatewayMetrics metrics = new GatewayMetrics();
    private final Database db;
    private final DeviceSecrets secrets;
    private final SecretsFileWriter secretsWriter;
    private final ModelCatalog models;
    private final Registry registry;
    private final PersistentDriverState driverState;
    private final OnlineTracker tracker;
    private final DiscoveryInbox inbox;
    private final SessionTable sessions;
    private final Adoption adoption;
    private final Optional<MdnsDiscovery> discovery;
    private final HomeBook home;
    private final RoomBook rooms;
    private final ShareBook shares;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final AuditedAccess auditedAccess;
    private final Optional<dev.hearth.core.trust.TrustBook> trust;
    private final dev.hearth.core.trust.TrustModeRecord.Resolution trustMode;
    private final dev.hearth.core.trust.SetupCode setupCode;
    private final Pseudonymiser pseudonymiser;
    private final ConsentStore consent;
    private final PrivacyFilter privacy;
    private final UnknownFieldRules unknownFieldRules;
    private final UnknownFieldRecord unknownFieldRecord;
    private final UnknownFieldReview unknownFields;
    private final CloudUplink uplink;
    private final SecretsFile secretsFile;
    private volatile Optional<CloudBridge> cloud = Optional.empty();
    private final DataDirLock dataDirLock;
    private final PrivacyCommandHandler privacyCommands;
    private final HeldData held;
    private final dev.hearth.core.privacy.UsageStatsStore usageStats;
    private final dev.hearth.core.uplink.UsageReporter usage;
    private final UserErasure erasure;
    private final UserDataExport export;
    private final RetentionJob retention;
    private final ShareExpiry shareExpiry;
    private final EventStream events = new EventStream();
    private final Optional<HttpApiServer> http;
    private final ApiToken apiToken;
    private final Authorizer authorizer;
    private final HomeCommandRouter homeCommands;
    private final CommandExecutor localExecutor;
    private final LocalCommands localCommands;
    private final AtomicBoolean ready = new AtomicBoolean();
    private final List<ConfigProblem> configProblems;
    private Optional<InetSocketAddress> httpAddress = Optional.empty();

    public GatewayAssembly(HearthConfig config, SecretsFile secretsFile, Clock clock) throws IOException {
        this(config, secretsFile, clock, JdbcCalls.NONE);
    }

    /** As above, every JDBC call of the database reported to {@code jdbcCalls} (the storage-thread test). */
    public GatewayAssembly(HearthConfig config, SecretsFile secretsFile, Clock clock, JdbcCalls jdbcCalls) throws IOException {
        this(StaticDeviceIdentities.check(config, InstalledDrivers.load(GatewayAssembly.class.getClassLoader())), secretsFile, clock,
                jdbcCalls);
    }

    /** With one identity per configured device: canonical ids, a second entry for one device left out and reported. */
    private GatewayAssembly(StaticDeviceIdentities.Checked identities, SecretsFile secretsFile, Clock clock, JdbcCalls jdbcCalls)
            throws IOException {
        HearthConfig config = identities.config();
        this.configProblems = identities.problems();
        for (ConfigProblem p : configProblems) {
            LOG.warn("config problem: {}", p);
            metrics.driverCounter("gateway", "config_problems", "devices");
        }
        this.config = config;
        this.clock = clock;
        Path dataDir = config.gateway().dataDir();
        DataDirectory.prepare(dataDir);
        this.dataDirLock = DataDirLock.tryAcquire(dataDir).orElseThrow(() -> new IOException(
                "the data directory " + dataDir + " is in use by another running gateway"));
        // before the database opens: its absence is what says this is a new home
        this.trustMode = dev.hearth.core.trust.TrustModeRecord.settle(config.home().trust(), dataDir);
        if (trustMode.origin() != dev.hearth.core.trust.TrustModeRecord.Origin.CONFIG || trustMode.recorded().isPresent()
                && trustMode.recorded().get() != trustMode.mode()) {
            LOG.info("{}", trustMode.explain(dataDir));
        }
        this.db = GatewaySchemas.open(dataDir.resolve("hearth.db"), jdbcCalls);
        db.health().onError(metrics::storageError);
        ClassLoader loader = GatewayAssembly.class.getClassLoader();
        List<DeviceDriver> drivers = InstalledDrivers.load(loader);
        this.secrets = ConfigMapping.deviceSecrets(config, secretsFile, drivers);
        this.secretsWriter = new SecretsFileWriter(config.gateway().secretsFile());
        this.secretsFile = secretsFile;
        this.pseudonymiser = new Pseudonymiser(PrivacyWiring.homeKey(dataDir, new SecureRandom()));
        this.apiToken = ApiToken.loadOrCreate(dataDir, new SecureRandom());

        // spec documents that do not read are counted as hearth_malformed_messages_total{protocol="miot-spec",reason=<source>}
        this.models = dev.hearth.core.models.GatewayModels.load(loader, Optional.of(dataDir), metrics::malformed);

        this.registry = new Registry(db, clock, housekeeping, REGISTRY_FLUSH);
        this.tracker = new OnlineTracker(clock, scheduler, ConfigMapping.online(config.online()));
        tracker.addListener(registry);
        tracker.addListener(a -> metrics.transition(a.status().name(), a.reason().map(Enum::name).orElse("none")));
        this.inbox = new DiscoveryInbox(clock, config.discovery().inboxMaxEntries(), config.discovery().inboxExpireAfter(),
                why -> metrics.driverCounter("gateway", "inbox_dropped", why));
        this.driverState = new PersistentDriverState(db, scheduler, driverCounters(), MAX_DEVICES_WITH_DRIVER_STATE);
        DriverContext context = new DriverContext(clock, scheduler, secrets, models,
                ConfigMapping.driverSettings(config.online(), config.allowInsecureV1()), driverCounters(), driverState);
        PersonalDataDetector detector = new PersonalDataDetector();
        this.unknownFieldRules = new UnknownFieldRules(db);
        this.unknownFieldRecord = new UnknownFieldRecord(detector, 128, 4096, metrics::unknownFieldsUnrecorded);
        DeviceEventLanes deviceLanes = new DeviceEventLanes(deviceWorkers, DEVICE_EVENTS_PER_DEVICE, DEVICE_EVENTS_QUEUED,
                why -> metrics.driverCounter("gateway", "device_events_dropped", why));
        metrics.deviceEventsQueuedGauge(deviceLanes::queued);
        this.sessions = new SessionTable(drivers, context, registry, tracker, inbox,
                PrivacyWiring.reportGate(config.privacy(), models, detector, unknownFieldRules, unknownFieldRecord, metrics),
                dev.hearth.core.devices.SessionSettings.defaults(),
                deviceLanes);
        this.adoption = new Adoption(registry, secrets, inbox, sessions, ConfigMapping.staticDevices(config), driverCounters());
        var discoverySettings = ConfigMapping.discovery(config);
        this.discovery = discoverySettings.addresses().isEmpty() ? Optional.empty()
                : Optional.of(new MdnsDiscovery(discoverySettings, drivers, adoption, counted(driverCounters()), housekeeping));
        // a known device that went OFFLINE may have moved or come back silently: ask mDNS again
        discovery.ifPresent(d -> tracker.addListener(a -> {
            if (a.status() == OnlineStatus.OFFLINE && a.reason().filter(r -> r != OfflineReason.GATEWAY_STOPPING).isPresent()) {
                d.requeryNow();
            }
        }));

        this.home = HomeBook.open(db, config.home().id(), config.home().owner());
        this.rooms = RoomBook.open(db, registry, new RandomIds("r_"));
        ShareIndex shareIndex = new ShareIndex();
        // trust: users (DESIGN.md section 6): decisions come from the users' signed grants, at the floored time
        this.trust = trustMode.mode() == dev.hearth.config.TrustMode.USERS
                ? Optional.of(dev.hearth.core.trust.TrustBook.open(db, dev.hearth.core.trust.GatewayLogKey.loadOrCreate(dataDir, new SecureRandom()),
                        config.home().id(), config.gateway().id(), registry, home::owner,
                        dev.hearth.core.trust.TimeFloor.open(db, clock), metrics::policyRefused))
                : Optional.empty();
        this.setupCode = dev.hearth.core.trust.SetupCode.loadOrCreate(dataDir, new SecureRandom());
        this.access = trust.map(t -> new AccessPolicy(home, rooms, registry, shareIndex, t.privileges()))
                .orElseGet(() -> new AccessPolicy(home, rooms, registry, shareIndex));
        this.shares = ShareBook.open(db, shareIndex, access, home, new RandomIds("s_"), config.home().maxShares(),
                refusal -> metrics.shareRefused(refusal.name().toLowerCase(Locale.ROOT)));
        metrics.accessWalksCutShortGauge(access::walksCutShort);
        this.audit = new AuditLog(dataDir, pseudonymiser::pseudonym, config.gateway().auditLog());
        this.auditedAccess = new AuditedAccess(access, audit, trust.<Clock>map(t -> t.clock()).orElse(clock));
        this.unknownFields = new UnknownFieldReview(unknownFieldRecord, unknownFieldRules, models, audit, clock);
        rooms.addListener((room, moved) -> shares.endSharesOn(new RoomScope(room.id())));

        this.consent = new ConsentStore(db, config.privacy().uxProgramme());
        this.privacy = new PrivacyFilter(PrivacyWiring.policy(config.privacy()), consent, detector,
                pseudonymiser, new Generaliser(), PrivacyWiring.decisions(metrics), unknownFieldRules);
        this.uplink = new CloudUplink(registry, rooms, shares, models, privacy, config.home().id(), pseudonymiser, clock,
                scheduler, () -> metrics.telemetry("out"), TelemetryIds.open(db));
        registry.addListener(uplink);
        this.held = new HeldData(consent, shares, audit, home, access, registry, pseudonymiser,
                () -> cloud.map(CloudBridge::queued), trust);
        this.erasure = new UserErasure(held, clock, uplink::registryChanged);
        this.export = new UserDataExport(held, clock);
        this.privacyCommands = new PrivacyCommandHandler(held, erasure, export, clock);
        this.usageStats = new dev.hearth.core.privacy.UsageStatsStore(db, consent);
        this.usage = new dev.hearth.core.uplink.UsageReporter(usageStats, consent, registry,
                () -> cloud.map(b -> b::publishStats), clock, housekeeping, USAGE_EVERY);
        // leaving the programme deletes what is pending (issue 19): it is never sent
        consent.onUxProgramme(joined -> {
            if (!joined) usage.consentWithdrawn();
        });
        this.retention = new RetentionJob(audit, held.outbox(), config.privacy().retention(), RETENTION_EVERY, clock, housekeeping);
        this.shareExpiry = new ShareExpiry(shares, SHARE_EXPIRY_EVERY, clock, housekeeping, uplink::registryChanged);
        sessions.addEventListener(uplink);
        registry.addListener(change -> {
            if (change instanceof RegistryChange.StateChanged) metrics.telemetry("in");
        });
        registry.addListener(change -> {
            if (change instanceof RegistryChange.DeviceRemoved removed) shares.endSharesOn(new DeviceScope(removed.deviceId()));
            // a device that left a room takes with it the shares minted through a right on that room
            if (change instanceof RegistryChange.DeviceUpdated && shares.endLapsed(clock.instant()) > 0) uplink.registryChanged();
        });
        // last, so every other listener has seen a device added before the rename and move it causes
        registry.addListener(new ConfiguredPlacement(ConfigMapping.placements(config), registry, rooms));

        this.authorizer = CloudWiring.authorizer(auditedAccess, registry, models);
        this.homeCommands = new HomeCommandRouter(new HomeParts(home, rooms, shares, registry, models, privacy,
                auditedAccess, clock, uplink::registryChanged), privacyCommands, trust);
        trust.ifPresent(uplink::showTrust);
        trust.ifPresent(t -> t.onChange(uplink::registryChanged));
        // The local API's device commands take the cloud commands' path (same executor class, same
        // authorizer and metrics) as the owner; the API token stands in for the signature.
        this.localExecutor = new CommandExecutor(authorizer, CloudWiring.deviceCommands(sessions, config.online().commandTimeout()),
                homeCommands, scheduler, config.online().commandTimeout(), commandMetrics(), 256,
                new dev.hearth.core.logging.LogPseudonyms(pseudonymiser::pseudonym));
        this.localCommands = new LocalCommands(localExecutor, config.home().id(), config.gateway().id(), home::owner, clock,
                config.online().commandTimeout());
        metrics.deviceGauges(drivers.stream().map(DeviceDriver::protocol).toList(), this::countDevices);
        this.http = config.http().enabled()
                ? Optional.of(new HttpApiServer(LocalApi.routes(this), apiToken, events, httpCounters(), 64 * 1024,
                        new dev.hearth.core.http.HttpLimits(config.http().maxConnections(), config.http().idleTimeout(),
                                16, java.util.Set.copyOf(config.http().hostNames()))))
                : Optional.empty();
        LocalApi.forwardEvents(this, events);
    }

    /** Every command, cloud and local, to the metrics and (with UX-programme consent only) the usage statistics. */
    private dev.hearth.core.cloud.command.CommandMetrics commandMetrics() {
        var base = CloudWiring.commandMetrics(metrics);
        return (origin, operation, status, reasonCode, latency) -> {
            base.completed(origin, operation, status, reasonCode, latency);
            usage.completed(origin, operation, status, reasonCode, latency);
        };
    }

    /** The user-experience programme's statistics (the preview, the tests). */
    public dev.hearth.core.uplink.UsageReporter usage() { return usage; }

    public dev.hearth.core.privacy.UsageStatsStore usageStats() { return usageStats; }

    /** Every user id the home knows of: the ids a command reply may name (pseudonymised there). */
    private Set<String> homeUsers() {
        Set<String> users = new HashSet<>();
        users.add(home.owner());
        for (Share s : shares.all()) {
            users.add(s.granter());
            users.add(s.grantee());
        }
        return users;
    }

    private double countDevices(String protocol, String status) {
        return registry.all().stream()
                .filter(d -> d.protocol().equals(protocol))
                .filter(d -> d.availability().status() == OnlineStatus.valueOf(status.toUpperCase(Locale.ROOT)))
                .count();
    }

    private DriverCounters driverCounters() {
        return (counter, reason) -> {
            if (counter.startsWith("malformed")) {
                metrics.malformed(protocolOf(counter), reason);
            } else {
                metrics.driverCounter(protocolOf(counter), counter, reason);
            }
        };
    }

    private DriverCounters counted(DriverCounters inner) {
        return (counter, reason) -> {
            if (counter.equals("announcements")) metrics.announcement(reason);
            inner.increment(counter, reason);
        };
    }

    private static String protocolOf(String counter) {
        return counter.contains("packet") ? "miio" : counter.contains("frame") ? "native" : "gateway";
    }

    private dev.hearth.core.http.HttpCounters httpCounters() {
        return new dev.hearth.core.http.HttpCounters() {
            @Override public void request(String route, int status) { metrics.httpRequest(route, status); }
            @Override public void badRequest(String reason) { metrics.httpBadRequest(reason); }
        };
    }

    /** Starts the cloud bridge, drivers, adoption, discovery and the local HTTP API, in that order. */
    public void start() throws IOException, InterruptedException {
        if (config.cloud().enabled()) {
            CloudBridge.Builder builder = CloudBridge.builder()
                    .settings(CloudWiring.bridge(config, secretsFile))
                    .commandGate(CloudWiring.gate(config))
                    .outboxLimits(CloudWiring.outbox(config.cloud()))
                    .database(db)
                    .snapshot(uplink)
                    .deviceCommands(CloudWiring.deviceCommands(sessions, config.online().commandTimeout()))
                    .authorizer(authorizer)
                    .homeOperations(homeCommands)
                    .commandMetrics(commandMetrics())
                    .replyFilter(new ReplyFilter(pseudonymiser, this::homeUsers))
                    .scheduler(scheduler)
                    .clock(clock)
                    .counters(CloudWiring.counters(metrics));
            trust.ifPresent(builder::userTrust);
            CloudBridge bridge = builder.start();
            cloud = Optional.of(bridge);
            uplink.attach(bridge);
            metrics.outboxGauges(() -> bridge.outboxStats().held(), () -> bridge.outboxStats().bytes());
            metrics.mqttConnectedGauge(() -> bridge.linkStatus().connected() ? 1 : 0);
        }
        retention.start();
        usage.start();
        shareExpiry.start();
        sessions.start();
        adoption.start();
        if (discovery.isPresent()) discovery.get().start();
        if (http.isPresent()) {
            httpAddress = Optional.of(http.get().start(new InetSocketAddress(config.http().bind(), config.http().port())));
        }
        ready.set(true);
        if (trust.isEmpty()) {
            LOG.warn("home.trust is cloud: whoever holds the cloud's command key can act as any user of this home,"
                    + " create shares and accept them; set home.trust: users so only users' own keys authorise");
        } else if (trust.get().index().owners().isEmpty() && setupCode.unused()) {
            LOG.info("no owner key is enrolled yet: enrol one over the local API with the API token or the one-time setup code in {}", setupCode.file());
        } else if (trust.get().index().owners().size() == 1) {
            LOG.info("only one owner key is enrolled: enrol a second (another phone, a printed recovery key) so losing one does not lose the home");
        }
        LOG.info("gateway {} of home {} started: {} devices known, {} waiting in the discovery inbox",
                config.gateway().id(), config.home().id(), registry.all().size(), inbox.entries().size());
    }

    /**
     * Stops in reverse order: the API, discovery, sessions (devices go OFFLINE GATEWAY_STOPPING,
     * which still reaches the cloud), the bridge (clean OFFLINE birth), storage.
     */
    @Override
    public void close() {
        ready.set(false);
        http.ifPresent(HttpApiServer::close);
        discovery.ifPresent(MdnsDiscovery::close);
        sessions.stop();
        deviceWorkers.close(); // the devices' last words (OFFLINE) are handled before the registry's last flush
        registry.flush();
        cloud.ifPresent(CloudBridge::close);
        localExecutor.close();
        registry.close();
        driverState.close();
        retention.close();
        usage.close();
        shareExpiry.close();
        audit.close();
        db.close();
        scheduler.close();
        housekeeping.close();
        metrics.close();
        dataDirLock.close();
    }

    // --- what the local API and the CLI reach ------------------------------------------------

    public HearthConfig config() { return config; }
    public Clock clock() { return clock; }
    public dev.hearth.driver.api.Scheduler scheduler() { return scheduler; }
    public GatewayMetrics metrics() { return metrics; }
    public Registry registry() { return registry; }
    public DiscoveryInbox inbox() { return inbox; }
    public Adoption adoption() { return adoption; }
    public DeviceSecrets secrets() { return secrets; }

    /** What was wrong with the configuration that the gateway runs despite (a second entry for one device). */
    public List<ConfigProblem> configProblems() { return configProblems; }
    public SessionTable sessions() { return sessions; }
    public ModelCatalog models() { return models; }
    public HomeBook home() { return home; }
    public RoomBook rooms() { return rooms; }
    public ShareBook shares() { return shares; }
    public AccessPolicy access() { return access; }
    public ApiToken apiToken() { return apiToken; }
    /** Device commands of the local API: as the owner, through the command path's authorization and audit. */
    public LocalCommands localCommands() { return localCommands; }
    /** Started, and every store can write (a full or read-only disk makes the gateway not ready). */
    public boolean ready() { return ready.get() && db.health().healthy(); }
    /** Why storage is failing, for /readyz; empty when it writes. */
    public Optional<String> storageProblem() { return db.health().problem(); }
    public Optional<InetSocketAddress> httpAddress() { return httpAddress; }

    /** The cloud link's state for /readyz: "disabled" until the cloud bridge is configured. */
    public String brokerLink() {
        return cloud.map(b -> b.linkStatus().connected() ? "connected" : "disconnected").orElse("disabled");
    }

    public Optional<CloudBridge> cloud() { return cloud; }
    public PrivacyFilter privacy() { return privacy; }
    /** The owner's review of undeclared fields (local API). */
    public UnknownFieldReview unknownFields() { return unknownFields; }
    public ConsentStore consent() { return consent; }
    public Pseudonymiser pseudonymiser() { return pseudonymiser; }
    public AuditLog audit() { return audit; }
    public AuditedAccess auditedAccess() { return auditedAccess; }
    /** The users' trust book under {@code trust: users}; empty under {@code trust: cloud}. */
    public Optional<dev.hearth.core.trust.TrustBook> trust() { return trust; }
    public dev.hearth.core.trust.SetupCode setupCode() { return setupCode; }
    public CloudUplink uplink() { return uplink; }
    /** The privacy operations of the command topic, for the command router. */
    public PrivacyCommandHandler privacyCommands() { return privacyCommands; }

    /** What the home holds about people (the local API's data-rights requests). */
    public HeldData held() { return held; }

    public UserErasure erasure() { return erasure; }

    public UserDataExport userDataExport() { return export; }
    public RetentionJob retention() { return retention; }

    /**
     * Keeps a device secret given through the local API (adopting a device from the inbox) and
     * stores it in the secrets file, owner-only, so it survives a restart.
     */
    public void rememberSecret(String deviceId, DeviceSecret secret) {
        secrets.put(deviceId, secret);
        secretsWriter.put(deviceId, secret);
    }
}
