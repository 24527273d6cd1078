package dev.hearth.core.privacy.rights;

import dev.hearth.core.access.AuditLog;
import dev.hearth.core.access.ShareBook;
import java.time.Clock;
import java.time.Instant;

/**
 * Carries out erasure and withdrawal of consent (注销) over everything in {@link HeldData}. Order
 * matters: consent is withdrawn first, so the filter stops new records naming the user while the
 * queued ones are purged; then the outbox, the shares (access ends at once) and the audit log.
 * Under {@code trust: users} the user's key gets a tombstone last ({@link dev.hearth.core.trust.TrustBook#erase}).
 * {@code afterShares} runs when shares changed, so the registry topic is republished without them.
 */
public final class UserErasure {

    private final HeldData data;
    private final Clock clock;
    private final Runnable afterShares;

    public UserErasure(HeldData data, Clock clock, Runnable afterShares) {
        this.data = data;
        this.clock = clock;
        this.afterShares = afterShares;
    }

    /** The user withdraws consent: recorded with its time, then everything held about them erased. */
    public ErasureReport withdraw(String user) {
        return withdraw(user, user);
    }

    /** As above, asked by {@code actor}: the user themself or the owner on their behalf (recorded). */
    public ErasureReport withdraw(String user, String actor) {
        requireUser(user);
        data.consent().withdraw(user, actor, clock.instant());
        return recorded(actor, erase(user, true));
    }

    /** Deletes or anonymises what is held about {@code user}; consent is left as it is. */
    public ErasureReport erase(String user) {
        return erase(user, user);
    }

    /** As above, asked by {@code actor} (recorded with the outcome). */
    public ErasureReport erase(String user, String actor) {
        requireUser(user);
        return recorded(actor, erase(user, data.consent().withdrawn(user)));
    }

    private ErasureReport recorded(String actor, ErasureReport r) {
        data.consent().recordRequest(actor, r.user(), dev.hearth.core.privacy.ConsentChange.Kind.ERASED, r.summary(), r.at());
        return r;
    }

    private ErasureReport erase(String user, boolean withdrawn) {
        Instant at = clock.instant();
        UserMentions mentions = data.mentionsOf(user);
        int purged = data.outbox().get().map(o -> o.purgeQueued(mentions)).orElse(0);
        ShareBook.Purge shares = data.shares().purgeUser(user);
        if (shares.removed() + shares.anonymised() > 0) afterShares.run();
        AuditLog.Rewrite audit = data.audit().anonymiseUser(user);
        // Last: the tombstone ends the key's grants; the registry topic follows through the book's listener.
        var key = data.trust().flatMap(t -> t.erase(user));
        return new ErasureReport(user, at, withdrawn, purged, audit.anonymised(), shares.removed(), shares.anonymised(), key);
    }

    private static void requireUser(String user) {
        if (user == null || user.isBlank()) throw new IllegalArgumentException("a user id is needed");
    }
}
