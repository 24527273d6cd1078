package dev.hearth.core.privacy.rights;

import dev.hearth.core.access.AccessPolicy;
import dev.hearth.core.access.AuditLog;
import dev.hearth.core.access.Share;
import dev.hearth.core.access.ShareBook;
import dev.hearth.core.cloud.QueuedMessages;
import dev.hearth.core.home.HomeBook;
import dev.hearth.core.privacy.ConsentChange;
import dev.hearth.core.privacy.ConsentStore;
import dev.hearth.core.privacy.Pseudonymiser;
import dev.hearth.core.registry.Registry;
import dev.hearth.core.trust.TrustBook;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Every place the gateway keeps data about a person, for export, erasure and retention: consent,
 * shares, the audit log, the home (its owner), the devices (what a user may reach), the cloud
 * outbox and, under {@code trust: users}, the trust book (user keys, signed grants, the policy
 * log). The outbox is a supplier because it exists only once the cloud bridge has started.
 */
public record HeldData(ConsentStore consent, ShareBook shares, AuditLog audit, HomeBook home, AccessPolicy access,
                       Registry registry, Pseudonymiser pseudonymiser, Supplier<Optional<QueuedMessages>> outbox,
                       Optional<TrustBook> trust) {
    public HeldData {
        Objects.requireNonNull(consent, "consent");
        Objects.requireNonNull(shares, "shares");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(pseudonymiser, "pseudonymiser");
        Objects.requireNonNull(outbox, "outbox");
        Objects.requireNonNull(trust, "trust");
    }

    /** A home under {@code trust: cloud}: no user keys. */
    public HeldData(ConsentStore consent, ShareBook shares, AuditLog audit, HomeBook home, AccessPolicy access,
                    Registry registry, Pseudonymiser pseudonymiser, Supplier<Optional<QueuedMessages>> outbox) {
        this(consent, shares, audit, home, access, registry, pseudonymiser, outbox, Optional.empty());
    }

    /** What names {@code user}: their raw id or their pseudonym in this home. */
    public UserMentions mentionsOf(String user) {
        return new UserMentions(java.util.Set.of(user, pseudonymiser.pseudonym(user)));
    }

    /** The home's owner: the configured owner id, or (under {@code trust: users}) an enrolled owner key. */
    public boolean isOwner(String user) {
        return home.owner().equals(user) || trust.map(t -> t.index().isEnrolledOwner(user)).orElse(false);
    }

    /**
     * Whether the home holds anything about {@code user}: ownership, a key or its tombstone, a share,
     * a consent record, an audit entry or a queued cloud message. A rights request about anyone
     * else is answered "no data held" instead of an empty export (a typo is not a person).
     */
    public boolean holdsAnythingAbout(String user) {
        if (isOwner(user)) return true;
        if (trust.map(t -> t.index().knows(user) || t.index().isErased(user)).orElse(false)) return true;
        for (Share s : shares.all()) {
            if (s.granter().equals(user) || s.grantee().equals(user)) return true;
        }
        if (consent.withdrawn(user)) return true;
        for (ConsentChange c : consent.history()) {
            if (c.actor().equals(user) || c.subject().equals(user)) return true;
        }
        String pseudonym = pseudonymiser.pseudonym(user);
        if (!audit.entries(e -> e.user().equals(pseudonym)).isEmpty()) return true;
        UserMentions mentions = mentionsOf(user);
        return outbox.get().map(o -> !o.held(mentions).isEmpty()).orElse(false);
    }
}
