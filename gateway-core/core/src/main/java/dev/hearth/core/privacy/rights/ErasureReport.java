package dev.hearth.core.privacy.rights;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import dev.hearth.core.trust.TrustBook;
import java.util.Objects;
import java.util.Optional;

/**
 * What an erasure (or a withdrawal) did about one user.
 *
 * @param withdrawn        consent is (now) withdrawn: nothing more is collected about them
 * @param outboxPurged     queued cloud messages naming them, deleted before they left
 * @param auditAnonymised  audit log entries about them, anonymised
 * @param sharesRemoved    shares they received, deleted (their access ended)
 * @param sharesAnonymised shares they gave, whose granter became "erased"
 * @param key              under {@code trust: users}, what the key's tombstone did, if they had a key
 */
public record ErasureReport(String user, Instant at, boolean withdrawn, int outboxPurged, int auditAnonymised,
                            int sharesRemoved, int sharesAnonymised, Optional<TrustBook.Erasure> key) {
    public ErasureReport {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(key, "key");
        if (outboxPurged < 0 || auditAnonymised < 0 || sharesRemoved < 0 || sharesAnonymised < 0) {
            throw new IllegalArgumentException("negative count");
        }
    }

    public ErasureReport(String user, Instant at, boolean withdrawn, int outboxPurged, int auditAnonymised,
                         int sharesRemoved, int sharesAnonymised) {
        this(user, at, withdrawn, outboxPurged, auditAnonymised, sharesRemoved, sharesAnonymised, Optional.empty());
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("user", user);
        o.put("at", at.toString());
        o.put("consentWithdrawn", withdrawn);
        o.put("outboxEntriesDeleted", outboxPurged);
        o.put("auditEntriesAnonymised", auditAnonymised);
        o.put("sharesReceivedDeleted", sharesRemoved);
        o.put("sharesGivenAnonymised", sharesAnonymised);
        o.put("keyErased", key.isPresent());
        key.ifPresent(k -> o.put("tombstoneSeq", k.seq()).put("signedGrantsRevoked", k.grantsRevoked())
                .put("wasOwnerKey", k.wasOwner()));
        return o;
    }

    /** One line for people: what was done. */
    public String summary() {
        return "user " + user + ": " + outboxPurged + " queued cloud messages deleted, " + auditAnonymised
                + " audit entries anonymised, " + sharesRemoved + " shares received deleted, " + sharesAnonymised
                + " shares given anonymised"
                + key.map(k -> "; key erased (tombstone " + k.seq() + "), " + k.grantsRevoked() + " signed grants revoked").orElse("")
                + (withdrawn ? "; consent withdrawn, nothing more is collected" : "");
    }
}
