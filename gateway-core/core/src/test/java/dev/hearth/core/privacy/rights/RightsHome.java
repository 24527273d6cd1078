package dev.hearth.core.privacy.rights;

import dev.hearth.core.GatewaySchemas;
import dev.hearth.core.access.AccessPolicy;
import dev.hearth.core.access.AuditLog;
import dev.hearth.core.access.AuditedAccess;
import dev.hearth.core.access.Scope;
import dev.hearth.core.access.Share;
import dev.hearth.core.access.ShareBook;
import dev.hearth.core.access.ShareIndex;
import dev.hearth.core.access.ShareResult;
import dev.hearth.core.cloud.CloudBridge;
import dev.hearth.core.cloud.QueuedMessages;
import dev.hearth.core.cloud.outbox.Outbox;
import dev.hearth.core.home.HomeBook;
import dev.hearth.core.home.RandomIds;
import dev.hearth.core.home.RoomBook;
import dev.hearth.core.privacy.ConsentStore;
import dev.hearth.core.privacy.Decisions;
import dev.hearth.core.privacy.Generaliser;
import dev.hearth.core.privacy.PersonalDataDetector;
import dev.hearth.core.privacy.PrivacyFilter;
import dev.hearth.core.privacy.PrivacyFixtures;
import dev.hearth.core.privacy.PrivacyPolicy;
import dev.hearth.core.privacy.Pseudonymiser;
import dev.hearth.core.registry.Registry;
import dev.hearth.core.storage.Database;
import dev.hearth.core.uplink.CloudUplink;
import dev.hearth.driver.api.DiscoveredDevice;
import dev.hearth.driver.api.Scheduler;
import dev.hearth.driver.api.model.ModelCatalog;
import dev.hearth.driver.api.model.Privilege;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A home's stores over a real SQLite file and audit log in a temporary directory, wired as the
 * gateway wires them (registry, rooms, shares, access, audit, consent, filter, uplink), with the
 * privacy rights on top. The outbox is whatever {@link #useOutbox} was given: one opened on the
 * database (unit tests) or a running bridge's (integration tests).
 */
final class RightsHome implements AutoCloseable {
    static final String OWNER = "owner-1";
    static final String HOME = "home1";

    final Path dir;
    final Clock clock;
    final Database db;
    final Registry registry;
    final HomeBook home;
    final RoomBook rooms;
    final AccessPolicy access;
    final ShareBook shares;
    final AuditLog audit;
    final AuditedAccess audited;
    final ConsentStore consent;
    final Pseudonymiser pseudonymiser = new Pseudonymiser(PrivacyFixtures.key(7));
    final PrivacyFilter filter;
    final CloudUplink uplink;
    final HeldData held;
    final UserErasure erasure;
    final UserDataExport export;
    final PrivacyCommandHandler commands;
    final java.util.concurrent.atomic.AtomicLong telemetryOut = new java.util.concurrent.atomic.AtomicLong();
    private final AtomicReference<Optional<QueuedMessages>> outbox = new AtomicReference<>(Optional.empty());

    RightsHome(Path dir, Clock clock, Scheduler scheduler, PrivacyPolicy policy, boolean ux, ModelCatalog models) {
        this.dir = dir;
        this.clock = clock;
        this.db = GatewaySchemas.open(dir.resolve("hearth.db"));
        this.registry = new Registry(db, clock, scheduler, Duration.ofSeconds(2));
        this.home = HomeBook.open(db, HOME, OWNER);
        this.rooms = RoomBook.open(db, registry, new RandomIds("r_"));
        ShareIndex index = new ShareIndex();
        this.access = new AccessPolicy(home, rooms, registry, index);
        this.shares = ShareBook.open(db, index, access, home, new RandomIds("s_"));
        this.audit = new AuditLog(dir, pseudonymiser::pseudonym);
        this.audited = new AuditedAccess(access, audit, clock);
        this.consent = new ConsentStore(db, ux);
        this.filter = new PrivacyFilter(policy, consent, new PersonalDataDetector(), pseudonymiser, new Generaliser(),
                Decisions.NONE);
        this.uplink = new CloudUplink(registry, rooms, shares, models, filter, HOME, pseudonymiser, clock, scheduler,
                telemetryOut::incrementAndGet, dev.hearth.core.uplink.TelemetryIds.open(db));
        registry.addListener(uplink);
        this.held = new HeldData(consent, shares, audit, home, access, registry, pseudonymiser, outbox::get);
        this.erasure = new UserErasure(held, clock, uplink::registryChanged);
        this.export = new UserDataExport(held, clock);
        this.commands = new PrivacyCommandHandler(held, erasure, export, clock);
    }

    void useOutbox(Outbox o) {
        outbox.set(Optional.of(QueuedMessages.of(o)));
    }

    void attach(CloudBridge bridge) {
        outbox.set(Optional.of(bridge.queued()));
        uplink.attach(bridge);
    }

    void addDevice(String id, String model) {
        registry.recordDiscovery(new DiscoveredDevice(id, "native", model, new InetSocketAddress("127.0.0.1", 7000), Map.of()));
    }

    /** The owner offers {@code privilege} on {@code scope} to {@code grantee}, who accepts. */
    Share share(String grantee, Scope scope, Privilege privilege) {
        ShareResult offered = shares.offer(OWNER, grantee, scope, privilege, Optional.empty(), clock.instant());
        String id = ((ShareResult.Done) offered).share().id();
        return ((ShareResult.Done) shares.accept(grantee, id, clock.instant())).share();
    }

    @Override
    public void close() {
        registry.close();
        audit.close();
        db.close();
    }
}
