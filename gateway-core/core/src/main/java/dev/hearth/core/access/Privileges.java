package dev.hearth.core.access;

import dev.hearth.core.registry.DeviceDirectory;
import dev.hearth.core.home.HomeBook;
import dev.hearth.driver.api.model.Privilege;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * Computes the highest privilege a user holds on a target, and where it comes from.
 *
 * <ul>
 *   <li>home: the owner rule and the user's home shares;</li>
 *   <li>room: the above and the user's shares on that room;</li>
 *   <li>device: the above for the room the device is in <em>now</em>, and the device's shares.</li>
 * </ul>
 * Only shares ACCEPTED and unexpired at {@code now} count, and only while their granter could
 * still grant them now (DESIGN.md section 6, the cascade rule): the granter is the owner, or holds
 * MANAGE on the share's scope at {@code now} through shares that count by the same rule. The walk
 * up the granters is bounded ({@link #MAX_DEPTH} shares in a chain, {@link #MAX_STEPS} looked at per
 * decision) and refuses a cycle; a walk cut short by a bound grants nothing (fail closed) and is
 * counted. Ties go to the grant that lasts longer, then to the broadest scope.
 */
public final class Privileges implements PrivilegeSource {
    /** The most shares a chain from the owner to the user may hold (the owner's own share is one). */
    public static final int MAX_DEPTH = 8;
    /** The most shares whose standing one decision checks. */
    public static final int MAX_STEPS = 256;

    private final HomeBook home;
    private final DeviceDirectory devices;
    private final ShareIndex index;
    private final LongAdder cutShort = new LongAdder();

    public Privileges(HomeBook home, DeviceDirectory devices, ShareIndex index) {
        this.home = Objects.requireNonNull(home, "home");
        this.devices = Objects.requireNonNull(devices, "devices");
        this.index = Objects.requireNonNull(index, "index");
    }

    /** The strongest grant {@code user} holds on {@code target} at {@code now}, if any. */
    @Override
    public Optional<Grant> highest(String user, Scope target, Instant now) {
        return new Walk(now).highest(user, target, 0);
    }

    /**
     * Whether {@code share}'s granter could grant it at {@code now}, ignoring the share's own
     * state: the grant its granter's right comes from (ownership, or a grant with its end), if any.
     */
    public Optional<Grant> granterRight(Share share, Instant now) {
        return new Walk(now).granterRight(share, 0);
    }

    /** How many walks a bound cut short since start (each refused what it could not finish). */
    public long cutShort() {
        return cutShort.sum();
    }

    /** One decision's walk up the granters: its own step budget and the shares on the current path. */
    private final class Walk {
        private final Instant now;
        private final Set<String> path = new HashSet<>();
        private int steps;
        private boolean counted;

        Walk(Instant now) {
            this.now = now;
        }

        Optional<Grant> highest(String user, Scope target, int depth) {
            if (home.owner().equals(user)) return Optional.of(Grant.ownership());
            ShareIndex.Grants grants = index.of(user);
            Grant best = stronger(null, grants.home(), depth);
            if (target instanceof RoomScope r) {
                best = stronger(best, grants.room(r.roomId()), depth);
            } else if (target instanceof DeviceScope d) {
                Optional<String> room = devices.roomOf(d.deviceId());
                if (room.isPresent()) best = stronger(best, grants.room(room.get()), depth);
                best = stronger(best, grants.device(d.deviceId()), depth);
            }
            return Optional.ofNullable(best);
        }

        private Grant stronger(Grant best, List<Share> candidates, int depth) {
            for (int i = 0; i < candidates.size(); i++) {
                Share s = candidates.get(i);
                if (!s.grantsAt(now)) continue;
                if (best != null && s.privilege().compareTo(best.privilege()) < 0) continue;
                Optional<Grant> g = counted(s, depth);
                if (g.isEmpty()) continue;
                Grant candidate = g.get();
                if (best == null || candidate.privilege().compareTo(best.privilege()) > 0 || candidate.outlasts(best)) {
                    best = candidate;
                }
            }
            return best;
        }

        /** The grant {@code s} gives, if its granter's right still stands; its end is the chain's. */
        private Optional<Grant> counted(Share s, int depth) {
            return granterRight(s, depth).map(right -> Grant.through(s, right)).filter(g -> g.links() <= MAX_DEPTH);
        }

        Optional<Grant> granterRight(Share s, int depth) {
            if (home.owner().equals(s.granter())) return Optional.of(Grant.ownership());
            if (path.contains(s.id())) return Optional.empty(); // a cycle proves nothing
            // s is not the owner's, so its chain holds at least depth + 2 shares
            if (depth + 2 > MAX_DEPTH || ++steps > MAX_STEPS) {
                if (!counted) {
                    counted = true;
                    cutShort.increment();
                }
                return Optional.empty();
            }
            path.add(s.id());
            try {
                return highest(s.granter(), s.scope(), depth + 1)
                        .filter(right -> right.privilege().covers(Privilege.MANAGE) && right.privilege().covers(s.privilege()));
            } finally {
                path.remove(s.id());
            }
        }
    }
}
