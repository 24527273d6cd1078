package dev.hearth.core.cloud.command;

import dev.hearth.core.access.UserIds;
import dev.hearth.core.cloud.CommandGateSettings;
import dev.hearth.config.TrustedKey;
import dev.hearth.core.storage.Database;
import dev.hearth.protocols.cloud.CloudDecodeResult;
import dev.hearth.protocols.cloud.CommandDecoder;
import dev.hearth.protocols.cloud.v1.CommandBody;
import dev.hearth.protocols.cloud.v1.CommandReply.Status;
import dev.hearth.protocols.cloud.v1.SignedCommand;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import dev.hearth.core.trust.CounterWindow;
import dev.hearth.core.trust.TrustBook;
import java.util.stream.Collectors;

/**
 * Verifies a command from the commands topic before anything acts on it, in this order: the
 * envelope, decoded by protocols' {@link CommandDecoder} (MALFORMED), the key named by key_id and
 * the Ed25519 signature over the body bytes (BAD_SIGNATURE), the body, decoded by the same decoder
 * (MALFORMED, an unknown schema_version included), the user the body names (FORBIDDEN
 * {@code reserved_user} for an id Hearth writes in a user's place, {@code invalid_user} for a
 * blank or too long one or one with control characters; see {@link UserIds}), the gateway and the home the body names (FORBIDDEN), the validity window (EXPIRED: issued_at &lt;= now + skew, now &lt;= expires_at + skew,
 * no longer than the max validity), the nonce, remembered in SQLite across restarts (REPLAYED;
 * BUSY when the replay cache is full of live nonces or the nonce cannot be stored). Authorization
 * comes after, in {@link CommandExecutor}. Never throws on bad input. Thread-safe.
 */
public final class CommandGate {
    /** The seen-nonce table, applied when the database opens. */
    public static final dev.hearth.core.storage.Schema SCHEMA = NonceStore.SCHEMA;

    private final CommandGateSettings settings;
    private final CommandDecoder decoder;
    private final Map<String, Ed25519Verifier> keys;
    private final Clock clock;
    private final ReplayCache replays;
    private final Optional<UserCommandCheck> users;

    /** {@code trust: cloud}: opens the gate's nonce table in {@code db} and loads the nonces still live. */
    public CommandGate(CommandGateSettings settings, Database db, Clock clock) {
        this(settings, db, clock, Optional.empty());
    }

    /**
     * {@code trust: users} when {@code trust} is present: commands signed by users' own keys are
     * checked against it, and a cloud key signs nothing that authorises (only submit_policy, which
     * relays a user-signed object). {@code clock} should then be the trust book's time floor.
     */
    public CommandGate(CommandGateSettings settings, Database db, Clock clock, Optional<TrustBook> trust) {
        this.settings = settings;
        this.decoder = new CommandDecoder(settings.maxCommandBytes());
        this.keys = settings.trustedKeys().stream().collect(Collectors.toUnmodifiableMap(TrustedKey::id,
                k -> Ed25519Verifier.of(k.publicKey())));
        this.clock = clock;
        this.replays = new ReplayCache(settings.replayCacheSize(), new NonceStore(db), clock.millis());
        this.users = trust.map(t -> new UserCommandCheck(settings, t, CounterWindow.open(db), replays));
    }

    public GateResult check(byte[] payload) {
        CloudDecodeResult<SignedCommand> decoded = decoder.decodeEnvelope(payload);
        if (decoded instanceof CloudDecodeResult.Malformed<SignedCommand> m) return refused(Status.MALFORMED, m.code(), m.reason(), "");
        SignedCommand envelope = ((CloudDecodeResult.Decoded<SignedCommand>) decoded).value();
        if (envelope.getKeyId().equals(CommandDecoder.USER_KEY_ID) && users.isPresent()) {
            CloudDecodeResult<CommandBody> body = decoder.decodeUserBody(envelope);
            if (body instanceof CloudDecodeResult.Malformed<CommandBody> m) return refused(Status.MALFORMED, m.code(), m.reason(), "");
            CommandBody userBody = ((CloudDecodeResult.Decoded<CommandBody>) body).value();
            return users.get().check(envelope, userBody)
                    .orElseGet(() -> new GateResult.Accepted(new VerifiedCommand(userBody, VerifiedCommand.Origin.CLOUD, CommandDecoder.USER_KEY_ID)));
        }
        Ed25519Verifier key = keys.get(envelope.getKeyId());
        if (key == null) {
            return refused(Status.BAD_SIGNATURE, "unknown_key", "no trusted key \"" + printable(envelope.getKeyId()) + "\"", "");
        }
        if (!key.verifies(envelope.getBody().toByteArray(), envelope.getSignature().toByteArray())) {
            return refused(Status.BAD_SIGNATURE, "bad_signature", "the signature does not match key \"" + printable(envelope.getKeyId()) + "\"", "");
        }
        CloudDecodeResult<CommandBody> body = decoder.decodeBody(envelope);
        if (body instanceof CloudDecodeResult.Malformed<CommandBody> m) return refused(Status.MALFORMED, m.code(), m.reason(), "");
        return checkBody(((CloudDecodeResult.Decoded<CommandBody>) body).value(), envelope.getKeyId());
    }

    private GateResult checkBody(CommandBody body, String keyId) {
        String rid = body.getRequestId();
        // first, so a reserved id (the erasure placeholder, a pseudonym) reaches no share, audit line or store
        Optional<String> badUser = UserIds.problem(body.getUser());
        if (badUser.isPresent()) {
            return new GateResult.Refused(Status.FORBIDDEN, UserIds.reserved(body.getUser()) ? "reserved_user" : "invalid_user",
                    badUser.get(), rid, Optional.of(body.getUser()));
        }
        Optional<GateResult> wrong = wrongPlace(settings, body);
        if (wrong.isPresent()) return wrong.get();
        if (users.isPresent() && body.getOperationCase() != CommandBody.OperationCase.SUBMIT_POLICY) {
            return refused(Status.FORBIDDEN, "cloud_not_authorising", "with trust: users a cloud key authorises nothing:"
                    + " the command must be signed by the user's own key", rid);
        }
        long now = clock.millis();
        long skew = settings.clockSkew().toMillis();
        long expires = body.getExpiresAtMs();
        Optional<GateResult> late = outOfTime(body, now, skew, settings.maxValidity().toMillis());
        if (late.isPresent()) return late.get();
        return switch (replays.record(body.getNonce(), expires + skew, now)) {
            case REPLAYED -> refused(Status.REPLAYED, "replayed", "this nonce was already used", rid);
            case FULL -> refused(Status.BUSY, "replay_cache_full", "too many live commands; retry later", rid);
            case STORE_FAILED -> refused(Status.BUSY, "replay_store_failed", "the gateway cannot store the command's nonce; retry later", rid);
            case FRESH -> new GateResult.Accepted(new VerifiedCommand(body, VerifiedCommand.Origin.CLOUD, keyId));
        };
    }

    /** FORBIDDEN when the body is for another gateway or home. */
    static Optional<GateResult> wrongPlace(CommandGateSettings settings, CommandBody body) {
        String rid = body.getRequestId();
        if (!settings.gateway().equals(body.getGateway())) {
            return Optional.of(refused(Status.FORBIDDEN, "wrong_gateway", "the command is for gateway \"" + printable(body.getGateway())
                    + "\", this is \"" + settings.gateway() + "\"", rid));
        }
        if (!settings.home().equals(body.getHome())) {
            return Optional.of(refused(Status.FORBIDDEN, "wrong_home", "the command is for home \"" + printable(body.getHome())
                    + "\", this gateway serves \"" + settings.home() + "\"", rid));
        }
        return Optional.empty();
    }

    /** EXPIRED when the body's validity window is too long or does not hold {@code now} (with the skew). */
    static Optional<GateResult> outOfTime(CommandBody body, long now, long skew, long maxValidity) {
        String rid = body.getRequestId();
        long issued = body.getIssuedAtMs();
        long expires = body.getExpiresAtMs();
        if (expires < issued) return Optional.of(refused(Status.EXPIRED, "expires_before_issued", "expires_at is before issued_at", rid));
        if (expires - issued > maxValidity) {
            return Optional.of(refused(Status.EXPIRED, "validity_too_long", "valid for " + (expires - issued) + " ms; at most "
                    + maxValidity + " ms allowed", rid));
        }
        if (issued > now + skew) return Optional.of(refused(Status.EXPIRED, "not_yet_valid", "issued " + (issued - now) + " ms in the future", rid));
        if (now > expires + skew) return Optional.of(refused(Status.EXPIRED, "expired", "expired " + (now - expires) + " ms ago", rid));
        return Optional.empty();
    }

    static GateResult refused(Status status, String code, String message, String requestId) {
        return new GateResult.Refused(status, code, message, requestId);
    }

    /** Keeps attacker-chosen text short and printable in replies and logs. */
    static String printable(String s) {
        String cut = s.length() > 64 ? s.substring(0, 64) + "…" : s;
        return cut.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
