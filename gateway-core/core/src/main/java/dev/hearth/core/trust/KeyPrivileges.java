package dev.hearth.core.trust;

import dev.hearth.core.access.DeviceScope;
import dev.hearth.core.access.Grant;
import dev.hearth.core.access.PrivilegeSource;
import dev.hearth.core.access.RoomScope;
import dev.hearth.core.access.Scope;
import dev.hearth.core.registry.DeviceDirectory;
import dev.hearth.driver.api.model.Privilege;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The chain check of {@code trust: users} (DESIGN.md section 6), at every decision, from the
 * {@link GrantIndex} (one user's grants on three keys, never a scan). A user's grant counts at
 * {@code now} only if it is accepted, within its time, and its granter could grant it now:
 * <ul>
 *   <li>the granter is an enrolled owner key (any privilege; OWNER only from them), or</li>
 *   <li>the granter holds, now, through a grant that counts by the same rule, OWNER (then it may
 *       grant up to MANAGE) or MANAGE (then at most OPERATE: only owners grant MANAGE) on a scope
 *       covering the grant's (a room covers the devices in it now);</li>
 *   <li>and the chain from the enrolled key holds at most {@link #MAX_LINKS} grants.</li>
 * </ul>
 * So a revoked or expired grant voids every grant made from it, and a device grant made through a
 * room right ends when the device leaves the room. The walk is bounded by the depth, so there is
 * no cycle to refuse. The local API's owner (the API token holder) owns the home. While the
 * policy log is invalid, no key holds anything.
 */
public final class KeyPrivileges implements PrivilegeSource {
    /** The most grants a chain from an enrolled owner key to a user may hold. */
    public static final int MAX_LINKS = 2;

    private final GrantIndex index;
    private final DeviceDirectory devices;
    private final Supplier<String> localOwner;
    private final BooleanSupplier logValid;

    public KeyPrivileges(GrantIndex index, DeviceDirectory devices, Supplier<String> localOwner, BooleanSupplier logValid) {
        this.index = Objects.requireNonNull(index, "index");
        this.devices = Objects.requireNonNull(devices, "devices");
        this.localOwner = Objects.requireNonNull(localOwner, "localOwner");
        this.logValid = Objects.requireNonNull(logValid, "logValid");
    }

    @Override
    public Optional<Grant> highest(String user, Scope target, Instant now) {
        return highest(user, target, now, MAX_LINKS);
    }

    /** The right {@code granter} holds now to make {@code grant} (ignoring the grant's own state), if any. */
    public Optional<Grant> granterRight(KeyGrant grant, Instant now) {
        return granterRight(grant, now, MAX_LINKS - 1);
    }

    private Optional<Grant> highest(String user, Scope target, Instant now, int maxLinks) {
        if (user.equals(localOwner.get())) return Optional.of(ownership());
        if (!logValid.getAsBoolean()) return Optional.empty();
        if (index.isEnrolledOwner(user)) return Optional.of(ownership());
        if (maxLinks <= 0) return Optional.empty();
        GrantIndex.Accepted mine = index.acceptedOf(user);
        Grant best = stronger(null, mine.home(), now, maxLinks);
        if (target instanceof RoomScope r) {
            best = stronger(best, mine.room(r.roomId()), now, maxLinks);
        } else if (target instanceof DeviceScope d) {
            Optional<String> room = devices.roomOf(d.deviceId());
            if (room.isPresent()) best = stronger(best, mine.room(room.get()), now, maxLinks);
            best = stronger(best, mine.device(d.deviceId()), now, maxLinks);
        }
        return Optional.ofNullable(best);
    }

    private Grant stronger(Grant best, List<KeyGrant> candidates, Instant now, int maxLinks) {
        for (int i = 0; i < candidates.size(); i++) {
            KeyGrant g = candidates.get(i);
            if (!g.activeAt(now)) continue;
            if (best != null && g.privilege().compareTo(best.privilege()) < 0) continue;
            Optional<Grant> right = granterRight(g, now, maxLinks - 1);
            if (right.isEmpty()) continue;
            Grant candidate = new Grant(g.privilege(), g.scope(), Optional.of(g.id()),
                    Grant.earlier(Optional.of(g.expires()), right.get().until()), right.get().links() + 1);
            if (best == null || candidate.privilege().compareTo(best.privilege()) > 0 || outlasts(candidate, best)) best = candidate;
        }
        return best;
    }

    private Optional<Grant> granterRight(KeyGrant g, Instant now, int maxLinks) {
        String granter = g.granter().fingerprint();
        if (!logValid.getAsBoolean()) return Optional.empty();
        if (index.isEnrolledOwner(granter)) return Optional.of(ownership());
        if (g.privilege() == Privilege.OWNER) return Optional.empty();
        return highest(granter, g.scope(), now, maxLinks).filter(r -> mayGrant(r.privilege(), g.privilege()));
    }

    /** What a granter holding {@code held} through a grant may give: below OWNER, and MANAGE only from an owner. */
    static boolean mayGrant(Privilege held, Privilege given) {
        if (held == Privilege.OWNER) return given != Privilege.OWNER;
        return held.covers(Privilege.MANAGE) && !given.covers(Privilege.MANAGE);
    }

    private static boolean outlasts(Grant a, Grant b) {
        if (a.until().isEmpty()) return b.until().isPresent();
        return b.until().isPresent() && a.until().get().isAfter(b.until().get());
    }

    private static Grant ownership() {
        return new Grant(Privilege.OWNER, Scope.HOME, Optional.empty(), Optional.empty(), 0);
    }
}
