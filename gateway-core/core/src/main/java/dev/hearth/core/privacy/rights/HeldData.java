package dev.hearth.core.privacy.rights;

import dev.hearth.core.access.AccessPolicy;
import dev.hearth.core.access.AuditLog;
import dev.hearth.core.access.ShareBook;
import dev.hearth.core.cloud.QueuedMessages;
import dev.hearth.core.home.HomeBook;
import dev.hearth.core.privacy.ConsentStore;
import dev.hearth.core.privacy.Pseudonymiser;
import dev.hearth.core.registry.Registry;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Every place the gateway keeps data about a person, for export, erasure and retention: consent,
 * shares, the audit log, the home (its owner), the devices (what a user may reach) and the cloud
 * outbox. The outbox is a supplier because it exists only once the cloud bridge has started.
 */
public record HeldData(ConsentStore consent, ShareBook shares, AuditLog audit, HomeBook home, AccessPolicy access,
                       Registry registry, Pseudonymiser pseudonymiser, Supplier<Optional<QueuedMessages>> outbox) {
    public HeldData {
        Objects.requireNonNull(consent, "consent");
        Objects.requireNonNull(shares, "shares");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(pseudonymiser, "pseudonymiser");
        Objects.requireNonNull(outbox, "outbox");
    }

    /** What names {@code user}: their raw id or their pseudonym in this home. */
    public UserMentions mentionsOf(String user) {
        return new UserMentions(java.util.Set.of(user, pseudonymiser.pseudonym(user)));
    }
}
