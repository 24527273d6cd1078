package dev.hearth.core.access;

import dev.hearth.core.home.HomeBook;
import dev.hearth.core.storage.Database;
import dev.hearth.driver.api.model.Privilege;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The shares of the home: their life cycle and its rules, the {@code shares} table, and the
 * {@link ShareIndex} the access policy reads. Every change is written to the database first,
 * then to memory. Refusals are results with a reason, never exceptions.
 *
 * <p>Rules: a share is offered by a user holding MANAGE on its scope, for at most what that user
 * holds and never OWNER, and never for longer than the granter's own right lasts; only its grantee
 * accepts or declines it, while PENDING and unexpired; its granter, the home owner or a MANAGE
 * holder on its scope revokes it. A share whose granter can no longer grant it (revoked, expired,
 * erased, the device moved out of the room the right came from) grants nothing from that moment
 * (the policy checks at every decision) and is ended, REVOKED, by the next change or expiry pass.
 */
public final class ShareBook {
    /** The granter recorded on shares given by a user whose data was erased ({@link #purgeUser}). */
    public static final String ERASED_USER = "erased";
    private static final int ID_ATTEMPTS = 8;
    /** The default bound on the shares a home keeps (live ones and, while there is room, ended ones). */
    public static final int DEFAULT_MAX_SHARES = 1_000;

    private final ShareStore store;
    private final ShareIndex index;
    private final AccessPolicy policy;
    private final HomeBook home;
    private final Supplier<String> ids;
    private final int maxShares;
    private final Consumer<ShareResult.Refusal> refused;
    private final Map<String, Share> byId = new LinkedHashMap<>();

    private ShareBook(ShareStore store, ShareIndex index, AccessPolicy policy, HomeBook home, Supplier<String> ids,
                      int maxShares, Consumer<ShareResult.Refusal> refused) {
        this.store = store;
        this.index = index;
        this.policy = policy;
        this.home = home;
        this.ids = ids;
        if (maxShares < 1) throw new IllegalArgumentException("maxShares must be at least 1");
        this.maxShares = maxShares;
        this.refused = Objects.requireNonNull(refused, "refused");
    }

    /**
     * Migrates the {@code shares} table and loads every share, filling {@code index} (which must be
     * the index {@code policy} reads, and empty).
     */
    public static ShareBook open(Database db, ShareIndex index, AccessPolicy policy, HomeBook home,
                                 Supplier<String> ids) {
        return open(db, index, policy, home, ids, DEFAULT_MAX_SHARES, r -> { });
    }

    /**
     * As above, keeping at most {@code maxShares} shares (when full, the oldest ended share makes
     * room; with none ended, an offer is refused LIMIT_REACHED); {@code refused} counts every refusal.
     */
    public static ShareBook open(Database db, ShareIndex index, AccessPolicy policy, HomeBook home,
                                 Supplier<String> ids, int maxShares, Consumer<ShareResult.Refusal> refused) {
        ShareBook book = new ShareBook(new ShareStore(Objects.requireNonNull(db, "db")),
                Objects.requireNonNull(index, "index"), Objects.requireNonNull(policy, "policy"),
                Objects.requireNonNull(home, "home"), Objects.requireNonNull(ids, "ids"), maxShares, refused);
        for (Share s : book.store.loadAll()) {
            book.byId.put(s.id(), s);
            index.put(s);
        }
        return book;
    }

    /** Offers {@code privilege} over {@code scope} to {@code grantee}; the share starts PENDING. */
    public synchronized ShareResult offer(String granter, String grantee, Scope scope, Privilege privilege,
                                          Optional<Instant> expiresAt, Instant now) {
        Optional<String> badUser = UserIds.problem(granter).or(() -> UserIds.problem(grantee));
        if (badUser.isPresent()) return refuse(ShareResult.Refusal.INVALID, badUser.get());
        if (grantee.equals(granter)) {
            return refuse(ShareResult.Refusal.INVALID, "a share needs a grantee other than the granter");
        }
        if (grantee.equals(home.owner())) {
            return refuse(ShareResult.Refusal.INVALID, "user " + grantee + " owns the home already");
        }
        if (expiresAt.isPresent() && !expiresAt.get().isAfter(now)) {
            return refuse(ShareResult.Refusal.INVALID, "a share must expire after it is offered");
        }
        Decision d = policy.decide(granter, scope, Operation.SHARE, now);
        if (!d.allowed()) {
            return refuse(d.code() == Decision.Code.UNKNOWN_TARGET
                    ? ShareResult.Refusal.UNKNOWN_TARGET : ShareResult.Refusal.NOT_ALLOWED, d.reason());
        }
        Grant right = d.grant().orElseThrow();
        Privilege held = right.privilege();
        if (!held.covers(privilege)) {
            return refuse(ShareResult.Refusal.EXCEEDS_GRANTER,
                    "user " + granter + " holds " + held + " and cannot grant " + privilege);
        }
        if (privilege == Privilege.OWNER) {
            return refuse(ShareResult.Refusal.OWNER_NOT_SHAREABLE, "OWNER cannot be shared; change the owner instead");
        }
        if (right.links() + 1 > Privileges.MAX_DEPTH) {
            return refuse(ShareResult.Refusal.NOT_ALLOWED, "user " + granter + " holds " + held + " through "
                    + right.links() + " shares; a share further down would exceed " + Privileges.MAX_DEPTH);
        }
        if (!roomForOneMore()) {
            return refuse(ShareResult.Refusal.LIMIT_REACHED, "the home holds " + byId.size()
                    + " live shares, the most it may; revoke some first");
        }
        Optional<String> id = freshId();
        if (id.isEmpty()) return refuse(ShareResult.Refusal.INVALID, "could not draw an unused share id");
        // A share never outlives the right it was minted from: its expiry is capped at the right's end.
        Optional<Instant> ends = Grant.earlier(expiresAt, right.until());
        Share share = new Share(id.get(), granter, grantee, scope, privilege, now, ends, ShareState.PENDING);
        store.insert(share);
        byId.put(share.id(), share);
        return new ShareResult.Done(share);
    }

    /** The grantee accepts a pending, unexpired share; from then on it grants its privilege. */
    public synchronized ShareResult accept(String actor, String shareId, Instant now) {
        return answer(actor, shareId, now, ShareState.ACCEPTED);
    }

    /** The grantee declines a pending, unexpired share. */
    public synchronized ShareResult decline(String actor, String shareId, Instant now) {
        return answer(actor, shareId, now, ShareState.DECLINED);
    }

    /** Ends a pending or accepted share; allowed to its granter, the owner and MANAGE holders on its scope. */
    public synchronized ShareResult revoke(String actor, String shareId, Instant now) {
        Optional<String> badUser = UserIds.problem(actor);
        if (badUser.isPresent()) return refuse(ShareResult.Refusal.NOT_ALLOWED, badUser.get());
        Share s = byId.get(shareId);
        if (s == null) return noSuchShare(shareId);
        boolean allowed = actor.equals(s.granter()) || actor.equals(home.owner())
                || policy.decide(actor, s.scope(), Operation.REVOKE, now).allowed();
        if (!allowed) {
            return refuse(ShareResult.Refusal.NOT_ALLOWED, "user " + actor
                    + " is neither the granter of share " + shareId + ", the owner, nor a manager of its scope");
        }
        ShareState state = s.stateAt(now);
        if (state == ShareState.EXPIRED) return expired(s);
        if (state.isFinal()) return wrongState(s, "revoked");
        Share revoked = change(s.withState(ShareState.REVOKED));
        endLapsed(now);
        return new ShareResult.Done(revoked);
    }

    /**
     * Marks every live share whose expiry has come as EXPIRED, then ends the shares whose granter's
     * right went with them ({@link #endLapsed}); returns how many it ended in all.
     */
    public synchronized int expire(Instant now) {
        return endWhere(s -> !s.state().isFinal() && s.expiredAt(now), ShareState.EXPIRED) + endLapsed(now);
    }

    /** Revokes every live share on {@code scope}, because it is gone (a room deleted, a device removed). */
    public synchronized int endSharesOn(Scope scope) {
        return endWhere(s -> !s.state().isFinal() && s.scope().equals(scope), ShareState.REVOKED);
    }

    /**
     * Revokes every live share whose granter could no longer grant it at {@code now} (the cascade
     * rule of DESIGN.md section 6): decisions already ignore such shares; this makes the listing
     * say so, and makes the end final (a device moved back into the room does not revive them).
     * Standing is judged for all shares first, on one state, then the ends are written.
     */
    public synchronized int endLapsed(Instant now) {
        List<Share> lapsed = new ArrayList<>();
        for (Share s : byId.values()) {
            if (!s.state().isFinal() && !s.expiredAt(now) && policy.granterRight(s, now).isEmpty()) lapsed.add(s);
        }
        for (Share s : lapsed) change(s.withState(ShareState.REVOKED));
        return lapsed.size();
    }

    /** What {@link #purgeUser} did. */
    public record Purge(int removed, int anonymised) {
    }

    /**
     * Erases a user from the shares (consent withdrawn): the shares they received are deleted, so
     * their access ends at once; on the shares they gave, the granter becomes {@link #ERASED_USER}.
     * Those shares end with the erased user's right (the cascade rule): an erasure must not turn
     * a right that could be revoked into one that nobody's revocation reaches. Decisions ignore them
     * at once; the next expiry pass ({@link #expire}) writes their end.
     */
    public synchronized Purge purgeUser(String userId) {
        int removed = 0;
        int anonymised = 0;
        for (Share s : List.copyOf(byId.values())) {
            if (s.grantee().equals(userId)) {
                store.delete(s.id());
                byId.remove(s.id());
                removed++;
            } else if (s.granter().equals(userId)) {
                change(s.withGranter(ERASED_USER));
                anonymised++;
            }
        }
        index.removeGrantee(userId);
        return new Purge(removed, anonymised);
    }

    public synchronized Optional<Share> find(String shareId) {
        return Optional.ofNullable(byId.get(shareId));
    }

    /** Every share, oldest first. */
    public synchronized List<Share> all() {
        List<Share> all = new ArrayList<>(byId.values());
        all.sort(Comparator.comparing(Share::createdAt).thenComparing(Share::id));
        return all;
    }

    /** The shares offered to {@code user}, in any state, oldest first. */
    public List<Share> ofGrantee(String user) {
        return all().stream().filter(s -> s.grantee().equals(user)).toList();
    }

    private ShareResult answer(String actor, String shareId, Instant now, ShareState next) {
        Optional<String> badUser = UserIds.problem(actor);
        if (badUser.isPresent()) return refuse(ShareResult.Refusal.NOT_GRANTEE, badUser.get());
        Share s = byId.get(shareId);
        if (s == null) return noSuchShare(shareId);
        if (!actor.equals(s.grantee())) {
            return refuse(ShareResult.Refusal.NOT_GRANTEE, "only the grantee of share " + shareId + " can answer it");
        }
        ShareState state = s.stateAt(now);
        if (state == ShareState.EXPIRED) return expired(s);
        if (state != ShareState.PENDING) return wrongState(s, next == ShareState.ACCEPTED ? "accepted" : "declined");
        if (next == ShareState.ACCEPTED) {
            // The granter may have lost MANAGE since the offer: an offer is only as good as its granter.
            Decision d = policy.decide(s.granter(), s.scope(), Operation.SHARE, now);
            if (!d.allowed() || !d.held().orElseThrow().covers(s.privilege())) {
                return refuse(ShareResult.Refusal.NOT_ALLOWED, "the granter of share " + shareId
                        + " no longer holds " + s.privilege() + " with MANAGE on its scope");
            }
        }
        return new ShareResult.Done(change(s.withState(next)));
    }

    /** Whether one more share fits, after the oldest ended share (if any) made room. */
    private boolean roomForOneMore() {
        if (byId.size() < maxShares) return true;
        Optional<Share> oldestEnded = byId.values().stream().filter(s -> s.state().isFinal())
                .min(Comparator.comparing(Share::createdAt).thenComparing(Share::id));
        if (oldestEnded.isEmpty()) return false;
        store.delete(oldestEnded.get().id());
        byId.remove(oldestEnded.get().id());
        return true;
    }

    private Optional<String> freshId() {
        for (int attempt = 0; attempt < ID_ATTEMPTS; attempt++) {
            String id = ids.get();
            if (id != null && !id.isBlank() && !byId.containsKey(id)) return Optional.of(id);
        }
        return Optional.empty();
    }

    private int endWhere(Predicate<Share> which, ShareState end) {
        int n = 0;
        for (Share s : List.copyOf(byId.values())) {
            if (which.test(s)) {
                change(s.withState(end));
                n++;
            }
        }
        return n;
    }

    private Share change(Share next) {
        store.update(next);
        byId.put(next.id(), next);
        index.put(next);
        return next;
    }

    private ShareResult expired(Share s) {
        change(s.withState(ShareState.EXPIRED));
        return refuse(ShareResult.Refusal.EXPIRED, "share " + s.id() + " expired at " + s.expiresAt().orElseThrow());
    }

    private ShareResult wrongState(Share s, String verb) {
        return refuse(ShareResult.Refusal.WRONG_STATE,
                "share " + s.id() + " is " + s.state().name().toLowerCase(java.util.Locale.ROOT) + " and cannot be " + verb);
    }

    private ShareResult noSuchShare(String shareId) {
        return refuse(ShareResult.Refusal.NO_SUCH_SHARE, "there is no share " + shareId);
    }

    private ShareResult refuse(ShareResult.Refusal code, String reason) {
        refused.accept(code);
        return new ShareResult.Refused(code, reason);
    }
}
