package dev.hearth.bench.access;

import dev.hearth.core.access.AccessPolicy;
import dev.hearth.core.access.Decision;
import dev.hearth.core.access.DeviceScope;
import dev.hearth.core.access.Operation;
import dev.hearth.core.access.RoomScope;
import dev.hearth.core.access.Scope;
import dev.hearth.core.access.ShareBook;
import dev.hearth.core.access.ShareIndex;
import dev.hearth.core.access.ShareResult;
import dev.hearth.core.home.HomeBook;
import dev.hearth.core.home.RandomIds;
import dev.hearth.core.home.RoomBook;
import dev.hearth.core.home.RoomResult;
import dev.hearth.core.GatewaySchemas;
import dev.hearth.core.storage.Database;
import dev.hearth.driver.api.model.Privilege;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@link AccessPolicy#decide} in a home of 1,000 devices in 50 rooms (10% unassigned) with 5,000
 * shares (60% device, 30% room, 10% home scope; VIEW/OPERATE/MANAGE; a third with an expiry) given
 * to 500 users through the real ShareBook on a real SQLite file. Each call decides a
 * pre-drawn random (user, device, operation); 2% of users are the owner, 10% hold no share.
 * {@code granters=owner}: the owner gives every share; {@code granters=managers}: 20 managers
 * (MANAGE on the home, from the owner) give them, so every decision also walks one link up
 * the chain of granters (the cascade rule).
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AccessPolicyBench {
    private static final int DEVICES = 1_000;
    private static final int ROOMS = 50;
    private static final int SHARES = 5_000;
    private static final int USERS = 500;
    private static final int QUERIES = 1 << 14;
    private static final String OWNER = "owner";
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    private Path dir;
    private Database db;
    private AccessPolicy policy;
    private String[] users;
    private DeviceScope[] targets;
    private Operation[] ops;
    private int next;

    @Param({"owner", "managers"})
    public String granters;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        dir = Files.createTempDirectory("access-bench");
        db = GatewaySchemas.open(dir.resolve("hearth.db"));
        MapDeviceDirectory devices = new MapDeviceDirectory();
        HomeBook home = HomeBook.open(db, "h1", OWNER);
        RoomBook rooms = RoomBook.open(db, devices, new RandomIds("r_"));
        List<String> roomIds = new ArrayList<>();
        for (int i = 0; i < ROOMS; i++) {
            roomIds.add(((RoomResult.Done) rooms.create("Room " + i)).room().id());
        }
        for (int i = 0; i < DEVICES; i++) {
            boolean unassigned = random.nextInt(10) == 0;
            devices.add("dev-" + i, unassigned ? Optional.empty() : Optional.of(roomIds.get(random.nextInt(ROOMS))));
        }
        ShareIndex index = new ShareIndex();
        policy = new AccessPolicy(home, rooms, devices, index);
        ShareBook shares = ShareBook.open(db, index, policy, home, new RandomIds("s_"));
        Privilege[] grantable = {Privilege.VIEW, Privilege.OPERATE, Privilege.MANAGE};
        Instant offeredAt = NOW.minusSeconds(100_000);
        List<String> givers = new ArrayList<>();
        if (granters.equals("managers")) {
            for (int i = 0; i < 20; i++) {
                String manager = "manager-" + i;
                ShareResult r = shares.offer(OWNER, manager, Scope.HOME, Privilege.MANAGE, Optional.empty(), offeredAt);
                shares.accept(manager, ((ShareResult.Done) r).share().id(), offeredAt);
                givers.add(manager);
            }
        } else {
            givers.add(OWNER);
        }
        for (int i = 0; i < SHARES; i++) {
            int kind = random.nextInt(10);
            Scope scope = kind < 6 ? new DeviceScope("dev-" + random.nextInt(DEVICES))
                    : kind < 9 ? new RoomScope(roomIds.get(random.nextInt(ROOMS))) : Scope.HOME;
            String grantee = "user-" + (USERS / 10 + random.nextInt(USERS - USERS / 10)); // first 10%: none
            Optional<Instant> expiry = random.nextInt(3) == 0
                    ? Optional.of(NOW.plusSeconds(random.nextInt(-86_400, 86_400) | 1)) : Optional.empty();
            String giver = givers.get(random.nextInt(givers.size()));
            ShareResult r = shares.offer(giver, grantee, scope, grantable[random.nextInt(3)], expiry, offeredAt);
            if (r instanceof ShareResult.Done d) shares.accept(grantee, d.share().id(), offeredAt);
        }

        users = new String[QUERIES];
        targets = new DeviceScope[QUERIES];
        ops = new Operation[QUERIES];
        Operation[] kinds = {Operation.READ_STATE, Operation.SET_PROPERTIES, Operation.INVOKE_ACTION,
            Operation.invokeAction(Privilege.MANAGE), Operation.RENAME_DEVICE, Operation.ASSIGN_DEVICE};
        for (int i = 0; i < QUERIES; i++) {
            users[i] = random.nextInt(50) == 0 ? OWNER : "user-" + random.nextInt(USERS);
            targets[i] = new DeviceScope("dev-" + random.nextInt(DEVICES));
            ops[i] = kinds[random.nextInt(kinds.length)];
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        db.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    @Benchmark
    public Decision decide() {
        int i = next++ & (QUERIES - 1);
        return policy.decide(users[i], targets[i], ops[i], NOW);
    }
}
