package dev.hearth.core.trust;

import dev.hearth.core.access.Grant;
import dev.hearth.core.registry.DeviceDirectory;
import dev.hearth.core.storage.Database;
import dev.hearth.driver.api.model.Privilege;
import dev.hearth.protocols.cloud.v1.AcceptObject;
import dev.hearth.protocols.cloud.v1.GrantObject;
import dev.hearth.protocols.cloud.v1.OwnerEnrolment;
import dev.hearth.protocols.cloud.v1.PolicyBody;
import dev.hearth.protocols.cloud.v1.PolicyHead;
import dev.hearth.protocols.cloud.v1.PolicyLogEntry;
import dev.hearth.protocols.cloud.v1.SignedLogEntry;
import dev.hearth.protocols.cloud.v1.SignedPolicyObject;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The home's trust state under {@code trust: users} (DESIGN.md section 6): the owner keys enrolled
 * locally and the user-signed grants, accepts and revokes, each appended to the {@link PolicyLog}
 * before it changes the {@link GrantIndex}. At start the log is checked and replayed; if any entry
 * fails its check, nothing in it counts ({@link #valid()} false: every key holds nothing, every
 * object is refused) until the owner repairs the data directory. Refusals are results with a
 * reason code, counted, never exceptions. One writer at a time (synchronized); decisions read the
 * index lock-free.
 *
 * <p>Rules on a grant, at the time it arrives: its id and hash are new; it has not expired; its
 * granter (the signer) could grant it now by the chain rule of {@link KeyPrivileges}: OWNER only
 * from an enrolled owner key, MANAGE only from an owner, nothing beyond the granter's privilege and
 * scope, a chain of at most {@link KeyPrivileges#MAX_LINKS} grants. On an accept: it names a known
 * grant's hash, is signed by that grant's grantee, the grant is PENDING and in time, and its granter
 * could still grant it. On a revoke: signed by the granter, an owner, or a MANAGE holder on the
 * grant's scope, of a grant not already ended.
 */
public final class TrustBook {
    /** The trust stores' tables (the policy log, command counters, time floor), for GatewaySchemas. */
    public static final java.util.List<dev.hearth.core.storage.Schema> SCHEMAS =
            java.util.List.of(PolicyLogStore.SCHEMA, CounterWindow.SCHEMA, TimeFloor.SCHEMA);

    private static final Logger log = LoggerFactory.getLogger(TrustBook.class);
    /** The most grants a home keeps (revoked ones too: the log keeps them for good). */
    public static final int MAX_GRANTS = 10_000;

    private final PolicyLog policyLog;
    private final PolicyObjects objects;
    private final GrantIndex index = new GrantIndex();
    private final KeyPrivileges privileges;
    private final TimeFloor clock;
    private final Consumer<String> refused;
    private final int maxGrants;
    private volatile Runnable changed = () -> { };
    /** Each grant's object as signed, by id (at most maxGrants): what its grantee checks and hashes before accepting. */
    private final java.util.Map<String, SignedPolicyObject> grantObjects = new java.util.HashMap<>();

    private TrustBook(PolicyLog policyLog, PolicyObjects objects, DeviceDirectory devices, Supplier<String> localOwner,
                      TimeFloor clock, Consumer<String> refused, int maxGrants) {
        this.policyLog = policyLog;
        this.objects = objects;
        this.clock = clock;
        this.refused = refused;
        this.maxGrants = maxGrants;
        this.privileges = new KeyPrivileges(index, devices, localOwner, this::valid);
    }

    /** Opens (and checks, and replays) the policy log in {@code db}. */
    public static TrustBook open(Database db, GatewayLogKey key, String home, String gateway, DeviceDirectory devices,
                                 Supplier<String> localOwner, TimeFloor clock, Consumer<String> refused) {
        return open(db, key, home, gateway, devices, localOwner, clock, refused, MAX_GRANTS);
    }

    public static TrustBook open(Database db, GatewayLogKey key, String home, String gateway, DeviceDirectory devices,
                                 Supplier<String> localOwner, TimeFloor clock, Consumer<String> refused, int maxGrants) {
        TrustBook book = new TrustBook(PolicyLog.open(db, key), new PolicyObjects(home, gateway), devices, localOwner,
                clock, Objects.requireNonNull(refused, "refused"), maxGrants);
        book.replay();
        return book;
    }

    private void replay() {
        if (policyLog.invalid().isPresent()) {
            log.error("the policy log failed its check ({}): no user key holds anything until it is repaired", policyLog.invalid().get());
            return;
        }
        for (PolicyLogEntry e : policyLog.parsed()) {
            switch (e.getKindCase()) {
                case ENROLMENT -> UserKey.of(e.getEnrolment().getOwnerKey()).ifPresent(index::enrol);
                case OBJECT -> {
                    if (objects.check(e.getObject()) instanceof PolicyCheck.Verified v) apply(v);
                }
                case TOMBSTONE -> UserKey.fingerprintOfHash(e.getTombstone().getKeyHash()).ifPresent(fp -> {
                    index.erase(fp);
                    forgetObjectsOf(fp);
                });
                default -> { }
            }
        }
    }

    public boolean valid() {
        return policyLog.invalid().isEmpty();
    }

    /** Why the log failed its check at start, if it did. */
    public Optional<String> invalidReason() {
        return policyLog.invalid();
    }

    public KeyPrivileges privileges() {
        return privileges;
    }

    public GrantIndex index() {
        return index;
    }

    /** The gateway's time for trust decisions (never earlier than its persisted floor). */
    public TimeFloor clock() {
        return clock;
    }

    /**
     * Enrols an owner key. Only the local API calls this (the gateway's LAN presence is the trust
     * root); nothing reachable from MQTT does.
     */
    public PolicyResult enrol(UserKey key, String name, String authorisedBy) {
        PolicyResult r = enrolLocked(key, name, authorisedBy);
        if (r instanceof PolicyResult.Applied) changed.run();
        return r;
    }

    /** Told after every applied enrolment or object, outside the book's lock (the registry topic follows). */
    public void onChange(Runnable listener) {
        this.changed = Objects.requireNonNull(listener, "listener");
    }

    private synchronized PolicyResult enrolLocked(UserKey key, String name, String authorisedBy) {
        if (!valid()) return refuse("policy_log_invalid", "the policy log failed its check at start");
        if (index.isErased(key.fingerprint())) return refuse("erased", "key " + key.fingerprint() + " was erased and cannot come back");
        if (index.isEnrolledOwner(key.fingerprint())) return refuse("duplicate", "key " + key.fingerprint() + " is enrolled already");
        clock.advance();
        PolicyLogEntry e = policyLog.append(PolicyLogEntry.newBuilder().setEnrolment(OwnerEnrolment.newBuilder()
                .setOwnerKey(key.raw()).setName(name).setAuthorisedBy(authorisedBy)), clock.millis());
        index.enrol(key);
        return new PolicyResult.Applied(e.getSeq(), "enrolment", "");
    }

    /** Checks and applies a user-signed grant, accept or revoke, at the gateway's (floored) time. */
    public PolicyResult submit(SignedPolicyObject object) {
        PolicyResult r = submitLocked(object);
        if (r instanceof PolicyResult.Applied) changed.run();
        return r;
    }

    private synchronized PolicyResult submitLocked(SignedPolicyObject object) {
        if (!valid()) return refuse("policy_log_invalid", "the policy log failed its check at start");
        PolicyCheck check = objects.check(object);
        if (check instanceof PolicyCheck.Refused r) return refuse(r.reason(), r.message());
        PolicyCheck.Verified v = (PolicyCheck.Verified) check;
        Optional<String> erasedKey = erasedIn(v);
        if (erasedKey.isPresent()) return refuse("erased", "key " + erasedKey.get() + " was erased: nothing it signs or receives counts");
        clock.advance();
        Instant now = clock.instant();
        Optional<PolicyResult.Refused> problem = switch (v.body().getKindCase()) {
            case GRANT -> grantProblem(v, now);
            case ACCEPT -> acceptProblem(v, now);
            case REVOKE -> revokeProblem(v, now);
            default -> Optional.of(new PolicyResult.Refused("malformed", "unknown policy object"));
        };
        if (problem.isPresent()) return refuse(problem.get().reason(), problem.get().message());
        PolicyLogEntry e = policyLog.append(PolicyLogEntry.newBuilder().setObject(object), clock.millis());
        String grantId = apply(v);
        return new PolicyResult.Applied(e.getSeq(), v.body().getKindCase().name().toLowerCase(java.util.Locale.ROOT), grantId);
    }

    private Optional<PolicyResult.Refused> grantProblem(PolicyCheck.Verified v, Instant now) {
        GrantObject g = v.body().getGrant();
        if (index.find(g.getGrantId()).isPresent() || index.byHash(v.hash()).isPresent()) {
            return refusal("duplicate", "grant " + g.getGrantId() + " exists already");
        }
        if (index.size() >= maxGrants) return refusal("limit_reached", "the home holds " + maxGrants + " grants, the most it may");
        KeyGrant grant = toGrant(v, GrantState.PENDING);
        if (!now.isBefore(grant.expires())) return refusal("expired", "grant " + grant.id() + " expired at " + grant.expires());
        if (index.isEnrolledOwner(grant.grantee().fingerprint())) return refusal("malformed", "the grantee is an owner key already");
        return granterProblem(grant, now);
    }

    /**
     * Whether the grant's granter could grant it now: empty when yes. Any chain that is short
     * enough will do ({@link KeyPrivileges#granterRight}); the refusal says why none does, from the
     * strongest right the granter holds through a chain of any length up to the bound.
     */
    private Optional<PolicyResult.Refused> granterProblem(KeyGrant grant, Instant now) {
        String granter = grant.granter().fingerprint();
        if (index.isEnrolledOwner(granter)) return Optional.empty();
        if (grant.privilege() == Privilege.OWNER) return refusal("owner_only", "only an enrolled owner key grants OWNER");
        if (privileges.granterRight(grant, now).isPresent()) return Optional.empty();
        Optional<Grant> right = privileges.highest(granter, grant.scope(), now);
        String held = "key " + granter + " holds " + right.map(r -> r.privilege().name()).orElse("nothing") + " on " + grant.scope().key() + " now";
        if (right.isEmpty() || !right.get().privilege().covers(Privilege.MANAGE) || !right.get().privilege().covers(grant.privilege())) {
            return refusal("exceeds_granter", held + " and cannot grant " + grant.privilege() + " on it");
        }
        if (!KeyPrivileges.mayGrant(right.get().privilege(), grant.privilege())) return refusal("owner_only", held + "; only an owner grants MANAGE");
        return refusal("too_deep", held + " through " + right.get().links() + " grants; a chain holds at most " + KeyPrivileges.MAX_LINKS);
    }

    private Optional<PolicyResult.Refused> acceptProblem(PolicyCheck.Verified v, Instant now) {
        AcceptObject a = v.body().getAccept();
        Optional<KeyGrant> found = index.byHash(a.getGrantHash());
        if (found.isEmpty()) return refusal("unknown_grant", "no grant has that hash");
        KeyGrant g = found.get();
        if (!g.grantee().equals(v.signer())) return refusal("not_grantee", "only the grantee of grant " + g.id() + " answers it");
        if (g.state() != GrantState.PENDING) {
            return refusal("wrong_state", "grant " + g.id() + " is " + g.state().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (!now.isBefore(g.expires())) return refusal("expired", "grant " + g.id() + " expired at " + g.expires());
        if (a.getDecline()) return Optional.empty();
        return granterProblem(g, now);
    }

    private Optional<PolicyResult.Refused> revokeProblem(PolicyCheck.Verified v, Instant now) {
        String id = v.body().getRevoke().getGrantId();
        Optional<KeyGrant> found = index.find(id);
        if (found.isEmpty()) return refusal("unknown_grant", "there is no grant " + id);
        KeyGrant g = found.get();
        String signer = v.signer().fingerprint();
        boolean allowed = g.granter().equals(v.signer())
                || privileges.highest(signer, g.scope(), now).filter(r -> r.privilege().covers(Privilege.MANAGE)).isPresent();
        if (!allowed) return refusal("not_allowed", "key " + signer + " is neither the granter of " + id + ", an owner, nor a manager of its scope");
        if (g.state().isFinal()) return refusal("wrong_state", "grant " + id + " is " + g.state().name().toLowerCase(java.util.Locale.ROOT));
        return Optional.empty();
    }

    /** An erased key the object is signed by or grants to: an erased user's objects, replayed or new, count for nothing. */
    private Optional<String> erasedIn(PolicyCheck.Verified v) {
        if (index.isErased(v.signer().fingerprint())) return Optional.of(v.signer().fingerprint());
        if (v.body().hasGrant()) {
            Optional<String> grantee = UserKey.of(v.body().getGrant().getGranteeKey()).map(UserKey::fingerprint);
            if (grantee.filter(index::isErased).isPresent()) return grantee;
        }
        return Optional.empty();
    }

    /** The signed grant objects kept for listing name an erased key's bytes: none of them is listed again. */
    private void forgetObjectsOf(String fingerprint) {
        grantObjects.keySet().removeIf(id -> index.find(id).filter(g -> g.granter().fingerprint().equals(fingerprint)
                || g.grantee().fingerprint().equals(fingerprint)).isPresent());
    }

    /** What a tombstone did: its log entry and the grants it revoked. */
    public record Erasure(long seq, String fingerprint, int grantsRevoked, boolean wasOwner) {
    }

    /**
     * Erases a user's key (the right to erasure, withdrawal of consent): appends a tombstone that
     * keeps only the key's hash, revokes every grant the key gave or received, and removes it from
     * the owners; from then on the key is refused ({@code erased}) for enrolment, grants, accepts,
     * revokes and commands, so neither a replayed object nor a re-enrolment brings it back. Empty
     * when the book knows no such key or it is erased already.
     */
    public Optional<Erasure> erase(String fingerprint) {
        Optional<Erasure> r = eraseLocked(fingerprint);
        if (r.isPresent()) changed.run();
        return r;
    }

    private synchronized Optional<Erasure> eraseLocked(String fingerprint) {
        if (!valid() || index.isErased(fingerprint)) return Optional.empty();
        Optional<UserKey> key = index.key(fingerprint);
        if (key.isEmpty()) return Optional.empty();
        boolean owner = index.isEnrolledOwner(fingerprint);
        clock.advance();
        PolicyLogEntry e = policyLog.append(PolicyLogEntry.newBuilder()
                .setTombstone(dev.hearth.protocols.cloud.v1.KeyTombstone.newBuilder().setKeyHash(key.get().hash())), clock.millis());
        int revoked = index.erase(fingerprint);
        forgetObjectsOf(fingerprint);
        return Optional.of(new Erasure(e.getSeq(), fingerprint, revoked, owner));
    }

    /**
     * The log entries that concern {@code fingerprint}'s key, oldest first: its enrolment, objects
     * it signed, grants to it, accepts and revokes of grants it gave or received, its tombstone.
     */
    public synchronized List<PolicyLogEntry> entriesAbout(String fingerprint) {
        List<PolicyLogEntry> out = new java.util.ArrayList<>();
        for (PolicyLogEntry e : policyLog.parsed()) {
            if (concerns(e, fingerprint)) out.add(e);
        }
        return out;
    }

    private boolean concerns(PolicyLogEntry e, String fingerprint) {
        switch (e.getKindCase()) {
            case ENROLMENT:
                return UserKey.of(e.getEnrolment().getOwnerKey()).filter(k -> k.fingerprint().equals(fingerprint)).isPresent();
            case TOMBSTONE:
                return UserKey.fingerprintOfHash(e.getTombstone().getKeyHash()).filter(fingerprint::equals).isPresent();
            case OBJECT:
                if (!(objects.check(e.getObject()) instanceof PolicyCheck.Verified v)) return false;
                if (v.signer().fingerprint().equals(fingerprint)) return true;
                PolicyBody b = v.body();
                Optional<KeyGrant> about = switch (b.getKindCase()) {
                    case GRANT -> index.find(b.getGrant().getGrantId());
                    case ACCEPT -> index.byHash(b.getAccept().getGrantHash());
                    case REVOKE -> index.find(b.getRevoke().getGrantId());
                    default -> Optional.empty();
                };
                return about.filter(g -> g.granter().fingerprint().equals(fingerprint) || g.grantee().fingerprint().equals(fingerprint)).isPresent();
            default:
                return false;
        }
    }

    /** Applies a checked (or replayed) object to the index; returns the grant id it concerns. */
    private String apply(PolicyCheck.Verified v) {
        PolicyBody b = v.body();
        switch (b.getKindCase()) {
            case GRANT -> {
                if (index.find(b.getGrant().getGrantId()).isEmpty()) {
                    index.put(toGrant(v, GrantState.PENDING));
                    grantObjects.put(b.getGrant().getGrantId(), v.object());
                }
                return b.getGrant().getGrantId();
            }
            case ACCEPT -> {
                Optional<KeyGrant> g = index.byHash(b.getAccept().getGrantHash());
                g.ifPresent(grant -> index.put(grant.withState(b.getAccept().getDecline() ? GrantState.DECLINED : GrantState.ACCEPTED)));
                return g.map(KeyGrant::id).orElse("");
            }
            case REVOKE -> {
                Optional<KeyGrant> g = index.find(b.getRevoke().getGrantId());
                g.ifPresent(grant -> index.put(grant.withState(GrantState.REVOKED)));
                return b.getRevoke().getGrantId();
            }
            default -> {
                return "";
            }
        }
    }

    private static KeyGrant toGrant(PolicyCheck.Verified v, GrantState state) {
        GrantObject g = v.body().getGrant();
        return new KeyGrant(g.getGrantId(), v.signer(), UserKey.require(g.getGranteeKey()),
                TrustCodec.privilege(g.getPrivilege()).orElseThrow(), TrustCodec.scope(g.getScope()).orElseThrow(),
                Instant.ofEpochMilli(g.getNotBeforeMs()), Instant.ofEpochMilli(g.getExpiresMs()), v.hash(), state);
    }

    /** Grant {@code id}'s object exactly as its granter signed it, if the book holds that grant. */
    public synchronized Optional<SignedPolicyObject> grantObject(String id) {
        return Optional.ofNullable(grantObjects.get(id));
    }

    /** The log, oldest first, as signed. */
    public synchronized List<SignedLogEntry> log() {
        return policyLog.entries();
    }

    /** The log's head: what the registry topic carries. */
    public synchronized PolicyHead head() {
        return policyLog.head();
    }

    private static Optional<PolicyResult.Refused> refusal(String reason, String message) {
        return Optional.of(new PolicyResult.Refused(reason, message));
    }

    private PolicyResult refuse(String reason, String message) {
        refused.accept(reason);
        return new PolicyResult.Refused(reason, message);
    }
}
