package dev.hearth.core.privacy.rights;

import dev.hearth.core.access.AuditLog;
import dev.hearth.core.access.ShareBook;
import java.time.Clock;
import java.time.Instant;

/**
 * Carries out erasure and withdrawal of consent (注销) over everything in {@link HeldData}. Order
 * matters: consent is withdrawn first, so the filter stops new records naming the user while the
 * queued ones are purged; then the outbox, the shares (access ends at once) and the audit log.
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
        requireUser(user);
        data.consent().withdraw(user, clock.instant());
        return erase(user, true);
    }

    /** Deletes or anonymises what is held about {@code user}; consent is left as it is. */
    public ErasureReport erase(String user) {
        requireUser(user);
        return erase(user, data.consent().withdrawn(user));
    }

    private ErasureReport erase(String user, boolean withdrawn) {
        Instant at = clock.instant();
        UserMentions mentions = data.mentionsOf(user);
        int purged = data.outbox().get().map(o -> o.purgeQueued(mentions)).orElse(0);
        ShareBook.Purge shares = data.shares().purgeUser(user);
        if (shares.removed() + shares.anonymised() > 0) afterShares.run();
        AuditLog.Rewrite audit = data.audit().anonymiseUser(user);
        return new ErasureReport(user, at, withdrawn, purged, audit.anonymised(), shares.removed(), shares.anonymised());
    }

    private static void requireUser(String user) {
        if (user == null || user.isBlank()) throw new IllegalArgumentException("a user id is needed");
    }
}
