package dev.hearth.core.trust;

import com.google.protobuf.ByteString;
import dev.hearth.core.access.AccessPolicy;
import dev.hearth.core.access.Decision;
import dev.hearth.core.access.DeviceScope;
import dev.hearth.core.access.Operation;
import dev.hearth.core.access.ShareIndex;
import dev.hearth.core.cloud.CommandGateSettings;
import dev.hearth.config.TrustedKey;
import dev.hearth.core.cloud.command.CommandGate;
import dev.hearth.protocols.cloud.CommandSigner;
import dev.hearth.core.cloud.command.Ed25519KeyFiles;
import dev.hearth.core.cloud.command.GateResult;
import dev.hearth.core.home.CountingIds;
import dev.hearth.core.home.HomeBook;
import dev.hearth.core.home.InMemoryDeviceDirectory;
import dev.hearth.core.home.RoomBook;
import dev.hearth.core.home.RoomResult;
import dev.hearth.core.storage.Database;
import dev.hearth.driver.api.model.Privilege;
import dev.hearth.protocols.cloud.v1.CommandBody;
import dev.hearth.protocols.cloud.v1.ReadStateOp;
import dev.hearth.protocols.cloud.v1.SignedCommand;
import dev.hearth.protocols.cloud.v1.SignedPolicyObject;
import dev.hearth.protocols.cloud.v1.SubmitPolicyOp;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A gateway's trust path on a real SQLite file, without sockets: the command gate in
 * {@code trust: users} with a trusted cloud key, the trust book and its policy log, and the access
 * policy deciding from the signed grants. Devices: lamp (room bedroom), lock (room hall).
 * {@link #restart()} reopens every store on the same file and log key.
 */
final class TrustRig implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
    static final String HOME = "h1";
    static final String GATEWAY = "gw1";
    static final String LOCAL_OWNER = "local-owner";

    /** A clock the test sets, forwards or back. */
    static final class SetClock extends Clock {
        private volatile Instant now = T0;

        void set(Instant t) {
            now = t;
        }

        @Override public Instant instant() { return now; }
        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
    }

    final SetClock clock = new SetClock();
    /** The cloud's own clock: the table sets the gateway's clock back, never the cloud's. */
    final SetClock cloudClock = new SetClock();
    final Path file;
    final GatewayLogKey logKey;
    final InMemoryDeviceDirectory devices = new InMemoryDeviceDirectory();
    final SecureRandom random = new SecureRandom();
    final KeyPair cloudKey = Ed25519KeyFiles.generate();
    final CommandSigner cloud;
    final Map<String, UserSigner> users = new LinkedHashMap<>();
    final List<String> refusals = new ArrayList<>();
    Database db;
    HomeBook home;
    RoomBook rooms;
    TimeFloor floor;
    TrustBook trust;
    CommandGate gate;
    AccessPolicy policy;
    String bedroom;
    String hall;

    TrustRig(Path dir) throws IOException {
        this.file = dir.resolve("hearth.db");
        this.logKey = GatewayLogKey.loadOrCreate(dir, random);
        this.cloud = new CommandSigner("cloud", cloudKey.getPrivate(), cloudClock, random, Duration.ofSeconds(30));
        open();
        bedroom = room("bedroom");
        hall = room("hall");
        devices.add("lamp", Optional.of(bedroom)).add("lock", Optional.of(hall));
    }

    private String room(String name) {
        return ((RoomResult.Done) rooms.create(name)).room().id();
    }

    void open() {
        db = dev.hearth.core.GatewaySchemas.open(file);
        home = HomeBook.open(db, HOME, LOCAL_OWNER);
        rooms = RoomBook.open(db, devices, new CountingIds("r_"));
        floor = TimeFloor.open(db, clock);
        trust = TrustBook.open(db, logKey, HOME, GATEWAY, devices, home::owner, floor, refusals::add);
        policy = new AccessPolicy(home, rooms, devices, new ShareIndex(), trust.privileges());
        var settings = new CommandGateSettings(HOME, GATEWAY, List.of(TrustedKey.ofBase64("cloud", Ed25519KeyFiles.publicKeyBase64(cloudKey))),
                Duration.ofSeconds(5), Duration.ofSeconds(60), 64 * 1024, 10_000, Duration.ofSeconds(3));
        gate = new CommandGate(settings, db, floor, Optional.of(trust));
    }

    void restart() {
        db.close();
        open();
    }

    UserSigner user(String name) {
        return users.computeIfAbsent(name, n -> UserSigner.generate(random, HOME, GATEWAY));
    }

    void at(long seconds) {
        clock.set(T0.plusSeconds(seconds));
        if (clock.instant().isAfter(cloudClock.instant())) cloudClock.set(clock.instant());
    }

    /** Enrols {@code name}'s key as an owner, as the local API does. */
    PolicyResult enrol(String name) {
        return trust.enrol(user(name).key(), name, "api_token");
    }

    /** Relays {@code object} in a cloud-signed submit_policy command: "ok" or "refused:REASON" (or the gate's refusal). */
    String relay(SignedPolicyObject object) {
        CommandBody body = cloud.newBody("relay", HOME, GATEWAY, "")
                .setSubmitPolicy(SubmitPolicyOp.newBuilder().setObject(object)).build();
        GateResult r = gate.check(cloud.sign(body).toByteArray());
        if (r instanceof GateResult.Refused refused) return refused.status() + ":" + refused.reasonCode();
        PolicyResult p = trust.submit(((GateResult.Accepted) r).command().body().getSubmitPolicy().getObject());
        return p instanceof PolicyResult.Refused refused ? "refused:" + refused.reason() : "ok";
    }

    /** A command through the gate and, once verified, the access policy: "OK" or "STATUS:reason". */
    String command(SignedCommand command) {
        GateResult r = gate.check(command.toByteArray());
        if (r instanceof GateResult.Refused refused) return refused.status() + ":" + refused.reasonCode();
        var v = ((GateResult.Accepted) r).command();
        Decision d = policy.decide(v.user(), new DeviceScope(v.device()), operation(v.body()), floor.instant());
        return d.allowed() ? "OK" : "FORBIDDEN:" + d.code().name().toLowerCase(Locale.ROOT);
    }

    /** The operation the table's op names: set (OPERATE), unlock (an action the lock model raises to MANAGE), read (VIEW). */
    static CommandBody.Builder withOperation(CommandBody.Builder b, String op) {
        return switch (op) {
            case "set" -> b.setSetProperties(dev.hearth.protocols.cloud.v1.SetPropertiesOp.newBuilder()
                    .addValues(dev.hearth.protocols.cloud.v1.Property.newBuilder().setKey("2.1")
                            .setValue(dev.hearth.protocols.cloud.v1.Value.newBuilder().setBoolValue(true))));
            case "unlock" -> b.setInvokeAction(dev.hearth.protocols.cloud.v1.InvokeActionOp.newBuilder().setAction("3.1"));
            case "read" -> b.setReadState(ReadStateOp.getDefaultInstance());
            default -> throw new IllegalArgumentException("unknown op " + op);
        };
    }

    private static Operation operation(CommandBody b) {
        return switch (b.getOperationCase()) {
            case SET_PROPERTIES -> Operation.SET_PROPERTIES;
            case INVOKE_ACTION -> Operation.invokeAction(Privilege.MANAGE);
            default -> Operation.READ_STATE;
        };
    }

    static ByteString hash(SignedPolicyObject o) {
        return UserSigner.hashOf(o);
    }

    @Override
    public void close() {
        db.close();
    }
}
