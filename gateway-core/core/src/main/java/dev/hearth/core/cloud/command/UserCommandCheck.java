package dev.hearth.core.cloud.command;

import com.google.protobuf.ByteString;
import dev.hearth.core.cloud.CommandGateSettings;
import dev.hearth.core.storage.StorageException;
import dev.hearth.core.trust.CounterWindow;
import dev.hearth.core.trust.TrustBook;
import dev.hearth.core.trust.UserKey;
import dev.hearth.protocols.cloud.v1.CommandBody;
import dev.hearth.protocols.cloud.v1.CommandReply.Status;
import dev.hearth.protocols.cloud.v1.SignedCommand;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command gate's check of a command signed by a user's own key ({@code trust: users}, DESIGN.md
 * section 6), in this order: the signature over the body bytes under the body's signer_key
 * (BAD_SIGNATURE), the user named is that key's fingerprint, the gateway and home (FORBIDDEN), the
 * policy log is sound, the operation is not one of the cloud-era share operations (grants are
 * signed objects now), the validity window at the gateway's floored time, at most 60 s long
 * (EXPIRED), the key is known to the trust book (FORBIDDEN: so only known keys get counters on
 * disk), the command id not seen before (REPLAYED "replayed": a broker's re-delivery), the counter
 * new to the key's window (REPLAYED). Then the id and the counter are written to SQLite and the time
 * floor raised, before the command may run. Called on the command worker only.
 */
final class UserCommandCheck {
    private static final Logger log = LoggerFactory.getLogger(UserCommandCheck.class);
    /** A user-signed command is valid for at most this long after issued_at (issue 16). */
    static final Duration MAX_VALIDITY = Duration.ofSeconds(60);
    /** Cloud-era share operations: with user keys a grant is a signed object (submit_policy) instead. */
    private static final Set<CommandBody.OperationCase> REPLACED = EnumSet.of(CommandBody.OperationCase.CREATE_SHARE,
            CommandBody.OperationCase.RESPOND_SHARE, CommandBody.OperationCase.REVOKE_SHARE);

    private final CommandGateSettings settings;
    private final TrustBook trust;
    private final CounterWindow counters;
    private final ReplayCache replays;

    UserCommandCheck(CommandGateSettings settings, TrustBook trust, CounterWindow counters, ReplayCache replays) {
        this.settings = settings;
        this.trust = trust;
        this.counters = counters;
        this.replays = replays;
    }

    /** The refusal, or empty when the command passes (then its id and counter are stored and the floor raised). */
    Optional<GateResult> check(SignedCommand envelope, CommandBody body) {
        String rid = body.getRequestId();
        Optional<UserKey> key = UserKey.of(body.getSignerKey());
        if (key.isEmpty()) return Optional.of(CommandGate.refused(Status.MALFORMED, "bad_signer_key", "the signer_key is not an Ed25519 public key", ""));
        if (!key.get().verifies(envelope.getBody().toByteArray(), envelope.getSignature().toByteArray())) {
            return Optional.of(CommandGate.refused(Status.BAD_SIGNATURE, "bad_signature", "the signature does not match the signer's key", ""));
        }
        String user = key.get().fingerprint();
        if (!user.equals(body.getUser())) {
            return Optional.of(CommandGate.refused(Status.FORBIDDEN, "user_not_signer", "a user-signed command names its signer's fingerprint as user", rid));
        }
        Optional<GateResult> wrong = CommandGate.wrongPlace(settings, body);
        if (wrong.isPresent()) return wrong;
        if (!trust.valid()) {
            return Optional.of(CommandGate.refused(Status.FORBIDDEN, "policy_log_invalid", "the gateway's policy log failed its check; the owner must repair it", rid));
        }
        if (REPLACED.contains(body.getOperationCase())) {
            return Optional.of(CommandGate.refused(Status.FORBIDDEN, "signed_grants_only", "with trust: users, shares are signed grants (submit_policy)", rid));
        }
        long now = trust.clock().millis();
        long skew = settings.clockSkew().toMillis();
        long validity = Math.min(settings.maxValidity().toMillis(), MAX_VALIDITY.toMillis());
        Optional<GateResult> late = CommandGate.outOfTime(body, now, skew, validity);
        if (late.isPresent()) return late;
        if (trust.index().isErased(user)) {
            return Optional.of(CommandGate.refused(Status.FORBIDDEN, "key_erased", "key " + user + " was erased from this home", rid));
        }
        if (!trust.index().knows(user)) {
            return Optional.of(CommandGate.refused(Status.FORBIDDEN, "no_access", "key " + user + " holds nothing in this home", rid));
        }
        ByteString id = ByteString.copyFrom("u:" + user + ":" + rid, StandardCharsets.UTF_8);
        if (replays.seen(id, now)) return Optional.of(CommandGate.refused(Status.REPLAYED, "replayed", "this command was already received", rid));
        switch (counters.check(user, body.getCounter())) {
            case REPLAYED -> {
                return Optional.of(CommandGate.refused(Status.REPLAYED, "counter_replayed", "counter " + Long.toUnsignedString(body.getCounter())
                        + " was already used by this key", rid));
            }
            case TOO_OLD -> {
                return Optional.of(CommandGate.refused(Status.REPLAYED, "counter_too_old", "counter " + Long.toUnsignedString(body.getCounter())
                        + " is older than the key's window of " + CounterWindow.WINDOW, rid));
            }
            case FULL -> {
                return Optional.of(CommandGate.refused(Status.BUSY, "counter_table_full", "too many keys have counters", rid));
            }
            case FRESH -> { }
        }
        switch (replays.record(id, body.getExpiresAtMs() + skew, now)) {
            case REPLAYED -> {
                return Optional.of(CommandGate.refused(Status.REPLAYED, "replayed", "this command was already received", rid));
            }
            case FULL -> {
                return Optional.of(CommandGate.refused(Status.BUSY, "replay_cache_full", "too many live commands; retry later", rid));
            }
            case STORE_FAILED -> {
                return Optional.of(CommandGate.refused(Status.BUSY, "replay_store_failed", "the gateway cannot store the command id; retry later", rid));
            }
            case FRESH -> { }
        }
        try {
            counters.record(user, body.getCounter());
            trust.clock().advance();
        } catch (StorageException e) {
            log.warn("user command refused: its counter could not be stored ({})", e.getMessage());
            return Optional.of(CommandGate.refused(Status.BUSY, "counter_store_failed", "the gateway cannot store the command's counter; retry later", rid));
        }
        return Optional.empty();
    }
}
