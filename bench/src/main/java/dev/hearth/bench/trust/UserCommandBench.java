package dev.hearth.bench.trust;

import dev.hearth.bench.access.MapDeviceDirectory;
import dev.hearth.core.access.AccessPolicy;
import dev.hearth.core.access.Decision;
import dev.hearth.core.access.DeviceScope;
import dev.hearth.core.access.Operation;
import dev.hearth.core.access.RoomScope;
import dev.hearth.core.access.Scope;
import dev.hearth.core.access.ShareIndex;
import dev.hearth.core.home.HomeBook;
import dev.hearth.core.home.RandomIds;
import dev.hearth.core.home.RoomBook;
import dev.hearth.core.home.RoomResult;
import dev.hearth.core.storage.Database;
import dev.hearth.core.trust.GatewayLogKey;
import dev.hearth.core.trust.PolicyResult;
import dev.hearth.core.trust.TimeFloor;
import dev.hearth.core.trust.TrustBook;
import dev.hearth.core.trust.UserKey;
import dev.hearth.core.trust.UserSigner;
import dev.hearth.driver.api.model.Privilege;
import dev.hearth.protocols.cloud.CloudDecodeResult;
import dev.hearth.protocols.cloud.CommandDecoder;
import dev.hearth.protocols.cloud.v1.CommandBody;
import dev.hearth.protocols.cloud.v1.Property;
import dev.hearth.protocols.cloud.v1.SetPropertiesOp;
import dev.hearth.protocols.cloud.v1.SignedCommand;
import dev.hearth.protocols.cloud.v1.SignedPolicyObject;
import dev.hearth.protocols.cloud.v1.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Issue 16's budget: a user-signed command verified (envelope and body decoded, the signer's key
 * read, its Ed25519 signature checked) and its chain checked by the access policy deciding from
 * 5,000 signed grants, in a home of 1,000 devices in 50 rooms. The grants come through the real
 * TrustBook on a real SQLite file: the owner key grants MANAGE on the home to 20 managers, who
 * grant VIEW/OPERATE on devices (60%), rooms (30%) and the home (10%) to 500 users, each accepted
 * with the user's key; so a decision walks a chain of two grants. {@code verifyAndDecide} is the
 * whole check (the counter and command-id writes to SQLite are not in it); {@code chainCheck} is
 * the decision alone. SampleTime, so the p50 is reported.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class UserCommandBench {
    private static final int DEVICES = 1_000;
    private static final int ROOMS = 50;
    private static final int GRANTS = 5_000;
    private static final int USERS = 500;
    private static final int QUERIES = 1 << 12;
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private Path dir;
    private Database db;
    private AccessPolicy policy;
    private final CommandDecoder decoder = new CommandDecoder(64 * 1024);
    private byte[][] commands;
    private String[] users;
    private DeviceScope[] targets;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException, SQLException {
        SplittableRandom pick = new SplittableRandom(42);
        SecureRandom random = new SecureRandom();
        dir = Files.createTempDirectory("user-command-bench");
        db = dev.hearth.core.GatewaySchemas.open(dir.resolve("hearth.db"));
        MapDeviceDirectory devices = new MapDeviceDirectory();
        HomeBook home = HomeBook.open(db, "h1", "local-owner");
        RoomBook rooms = RoomBook.open(db, devices, new RandomIds("r_"));
        List<String> roomIds = new ArrayList<>();
        for (int i = 0; i < ROOMS; i++) roomIds.add(((RoomResult.Done) rooms.create("Room " + i)).room().id());
        for (int i = 0; i < DEVICES; i++) {
            devices.add("dev-" + i, pick.nextInt(10) == 0 ? Optional.empty() : Optional.of(roomIds.get(pick.nextInt(ROOMS))));
        }
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        TrustBook trust = TrustBook.open(db, GatewayLogKey.generate(random), "h1", "gw1", devices, home::owner,
                TimeFloor.open(db, clock), r -> { });
        policy = new AccessPolicy(home, rooms, devices, new ShareIndex(), trust.privileges());
        UserSigner owner = UserSigner.generate(random, "h1", "gw1");
        trust.enrol(owner.key(), "owner", "api_token");
        Instant from = NOW.minusSeconds(3_600);
        Instant to = NOW.plus(Duration.ofDays(30));
        List<UserSigner> managers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            UserSigner m = UserSigner.generate(random, "h1", "gw1");
            grantAndAccept(trust, owner, m, "m" + i, Privilege.MANAGE, Scope.HOME, from, to);
            managers.add(m);
        }
        UserSigner[] people = new UserSigner[USERS];
        for (int i = 0; i < USERS; i++) people[i] = UserSigner.generate(random, "h1", "gw1");
        for (int i = managers.size(); i < GRANTS; i++) {
            int kind = pick.nextInt(10);
            Scope scope = kind < 6 ? new DeviceScope("dev-" + pick.nextInt(DEVICES))
                    : kind < 9 ? new RoomScope(roomIds.get(pick.nextInt(ROOMS))) : Scope.HOME;
            grantAndAccept(trust, managers.get(pick.nextInt(managers.size())), people[pick.nextInt(USERS)], "g" + i,
                    pick.nextBoolean() ? Privilege.VIEW : Privilege.OPERATE, scope, from, to);
        }
        if (trust.index().all().size() != GRANTS) throw new IllegalStateException("only " + trust.index().all().size() + " grants made");

        commands = new byte[QUERIES][];
        users = new String[QUERIES];
        targets = new DeviceScope[QUERIES];
        SetPropertiesOp on = SetPropertiesOp.newBuilder().addValues(Property.newBuilder().setKey("2.1")
                .setValue(Value.newBuilder().setBoolValue(true))).build();
        for (int i = 0; i < QUERIES; i++) {
            UserSigner u = people[pick.nextInt(USERS)];
            String device = "dev-" + pick.nextInt(DEVICES);
            CommandBody body = u.commandBody(device, i + 1L, NOW, Duration.ofSeconds(30), random).setSetProperties(on).build();
            commands[i] = u.sign(body).toByteArray();
            users[i] = u.fingerprint();
            targets[i] = new DeviceScope(device);
        }
    }

    private static void grantAndAccept(TrustBook trust, UserSigner granter, UserSigner grantee, String id, Privilege p, Scope scope,
                                       Instant from, Instant to) {
        SignedPolicyObject grant = granter.sign(granter.grantBody(id, grantee.key(), p, scope, from, to, from).build());
        if (!(trust.submit(grant) instanceof PolicyResult.Applied)) throw new IllegalStateException("grant " + id + " refused");
        SignedPolicyObject accept = grantee.sign(grantee.acceptBody(UserSigner.hashOf(grant), false, from).build());
        if (!(trust.submit(accept) instanceof PolicyResult.Applied)) throw new IllegalStateException("accept of " + id + " refused");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        db.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    /** Decode, read the signer's key, verify the signature, then decide (the chain check). */
    @Benchmark
    public Decision verifyAndDecide() {
        int i = next++ & (QUERIES - 1);
        SignedCommand envelope = ((CloudDecodeResult.Decoded<SignedCommand>) decoder.decodeEnvelope(commands[i])).value();
        CommandBody body = ((CloudDecodeResult.Decoded<CommandBody>) decoder.decodeUserBody(envelope)).value();
        UserKey key = UserKey.of(body.getSignerKey()).orElseThrow();
        if (!key.verifies(envelope.getBody().toByteArray(), envelope.getSignature().toByteArray())) throw new IllegalStateException("bad signature");
        return policy.decide(key.fingerprint(), new DeviceScope(body.getDevice()), Operation.SET_PROPERTIES, NOW);
    }

    /** The decision alone: the user's grants on three index keys, each grant's chain up to the owner key. */
    @Benchmark
    public Decision chainCheck() {
        int i = next++ & (QUERIES - 1);
        return policy.decide(users[i], targets[i], Operation.SET_PROPERTIES, NOW);
    }
}
