package dev.hearth.core.cloud.command;

import dev.hearth.core.access.UserIds;
import dev.hearth.core.cloud.CommandGateSettings;
import dev.hearth.core.cloud.TrustedKey;
import dev.hearth.core.storage.Database;
import dev.hearth.protocols.cloud.CloudDecodeResult;
import dev.hearth.protocols.cloud.CommandDecoder;
import dev.hearth.protocols.cloud.v1.CommandBody;
import dev.hearth.protocols.cloud.v1.CommandReply.Status;
import dev.hearth.protocols.cloud.v1.SignedCommand;
import java.time.Clock;
import java.util.Map;
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
    private final CommandGateSettings settings;
    private final CommandDecoder decoder;
    private final Map<String, Ed25519Verifier> keys;
    private final Clock clock;
    private final ReplayCache replays;

    /** Opens the gate's nonce table in {@code db} and loads the nonces still live. */
    public CommandGate(CommandGateSettings settings, Database db, Clock clock) {
        this.settings = settings;
        this.decoder = new CommandDecoder(settings.maxCommandBytes());
        this.keys = settings.trustedKeys().stream().collect(Collectors.toUnmodifiableMap(TrustedKey::keyId,
                k -> Ed25519Verifier.of(k.publicKey())));
        this.clock = clock;
        this.replays = new ReplayCache(settings.replayCacheSize(), new NonceStore(db), clock.millis());
    }

    public GateResult check(byte[] payload) {
        CloudDecodeResult<SignedCommand> decoded = decoder.decodeEnvelope(payload);
        if (decoded instanceof CloudDecodeResult.Malformed<SignedCommand> m) return refused(Status.MALFORMED, m.code(), m.reason(), "");
        SignedCommand envelope = ((CloudDecodeResult.Decoded<SignedCommand>) decoded).value();
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
        java.util.Optional<String> badUser = UserIds.problem(body.getUser());
        if (badUser.isPresent()) {
            return new GateResult.Refused(Status.FORBIDDEN, UserIds.reserved(body.getUser()) ? "reserved_user" : "invalid_user",
                    badUser.get(), rid, java.util.Optional.of(body.getUser()));
        }
        if (!settings.gateway().equals(body.getGateway())) {
            return refused(Status.FORBIDDEN, "wrong_gateway", "the command is for gateway \"" + printable(body.getGateway())
                    + "\", this is \"" + settings.gateway() + "\"", rid);
        }
        if (!settings.home().equals(body.getHome())) {
            return refused(Status.FORBIDDEN, "wrong_home", "the command is for home \"" + printable(body.getHome())
                    + "\", this gateway serves \"" + settings.home() + "\"", rid);
        }
        long now = clock.millis();
        long skew = settings.clockSkew().toMillis();
        long issued = body.getIssuedAtMs();
        long expires = body.getExpiresAtMs();
        if (expires < issued) return refused(Status.EXPIRED, "expires_before_issued", "expires_at is before issued_at", rid);
        if (expires - issued > settings.maxValidity().toMillis()) {
            return refused(Status.EXPIRED, "validity_too_long", "valid for " + (expires - issued) + " ms; at most "
                    + settings.maxValidity().toMillis() + " ms allowed", rid);
        }
        if (issued > now + skew) return refused(Status.EXPIRED, "not_yet_valid", "issued " + (issued - now) + " ms in the future", rid);
        if (now > expires + skew) return refused(Status.EXPIRED, "expired", "expired " + (now - expires) + " ms ago", rid);
        return switch (replays.record(body.getNonce(), expires + skew, now)) {
            case REPLAYED -> refused(Status.REPLAYED, "replayed", "this nonce was already used", rid);
            case FULL -> refused(Status.BUSY, "replay_cache_full", "too many live commands; retry later", rid);
            case STORE_FAILED -> refused(Status.BUSY, "replay_store_failed", "the gateway cannot store the command's nonce; retry later", rid);
            case FRESH -> new GateResult.Accepted(new VerifiedCommand(body, VerifiedCommand.Origin.CLOUD, keyId));
        };
    }

    private static GateResult refused(Status status, String code, String message, String requestId) {
        return new GateResult.Refused(status, code, message, requestId);
    }

    /** Keeps attacker-chosen text short and printable in replies and logs. */
    static String printable(String s) {
        String cut = s.length() > 64 ? s.substring(0, 64) + "…" : s;
        return cut.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
