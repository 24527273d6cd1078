package dev.hearth.core.cloud.command;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.hearth.core.cloud.CommandGateSettings;
import dev.hearth.core.cloud.TrustedKey;
import dev.hearth.protocols.cloud.v1.CommandBody;
import dev.hearth.protocols.cloud.v1.CommandReply.Status;
import dev.hearth.protocols.cloud.v1.SignedCommand;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks a command before anything acts on it, in this order: size and envelope (MALFORMED), the
 * key named by key_id and the Ed25519 signature over the body bytes (BAD_SIGNATURE), the body
 * (MALFORMED), the home (FORBIDDEN), the validity window (EXPIRED: issued_at &lt;= now + skew,
 * now &lt;= expires_at + skew, no longer than the max validity), the nonce (REPLAYED; BUSY when the
 * replay cache is full of live nonces), then the {@link Authorizer} (FORBIDDEN). Never throws on
 * bad input. Thread-safe.
 */
public final class CommandGate {
    static final int MIN_NONCE = 8;
    static final int MAX_NONCE = 64;

    private final CommandGateSettings settings;
    private final Map<String, Ed25519Verifier> keys;
    private final Authorizer authorizer;
    private final Clock clock;
    private final ReplayCache replays;

    public CommandGate(CommandGateSettings settings, Authorizer authorizer, Clock clock) {
        this.settings = settings;
        this.keys = settings.trustedKeys().stream().collect(Collectors.toUnmodifiableMap(TrustedKey::keyId,
                k -> Ed25519Verifier.of(k.publicKey())));
        this.authorizer = authorizer;
        this.clock = clock;
        this.replays = new ReplayCache(settings.replayCacheSize());
    }

    public GateResult check(byte[] payload) {
        if (payload.length == 0) return refused(Status.MALFORMED, "empty", "empty command payload", "");
        if (payload.length > settings.maxCommandBytes()) {
            return refused(Status.MALFORMED, "too_large", "command of " + payload.length + " bytes; the limit is "
                    + settings.maxCommandBytes(), "");
        }
        SignedCommand envelope;
        try {
            envelope = SignedCommand.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            return refused(Status.MALFORMED, "not_protobuf", "not a SignedCommand: " + e.getMessage(), "");
        }
        if (envelope.getBody().isEmpty() || envelope.getSignature().isEmpty() || envelope.getKeyId().isEmpty()) {
            return refused(Status.MALFORMED, "incomplete", "a SignedCommand needs body, signature and key_id", "");
        }
        Ed25519Verifier key = keys.get(envelope.getKeyId());
        if (key == null) {
            return refused(Status.BAD_SIGNATURE, "unknown_key", "no trusted key \"" + printable(envelope.getKeyId()) + "\"", "");
        }
        if (!key.verifies(envelope.getBody().toByteArray(), envelope.getSignature().toByteArray())) {
            return refused(Status.BAD_SIGNATURE, "bad_signature", "the signature does not match key \"" + envelope.getKeyId() + "\"", "");
        }
        CommandBody body;
        try {
            body = CommandBody.parseFrom(envelope.getBody());
        } catch (InvalidProtocolBufferException e) {
            return refused(Status.MALFORMED, "bad_body", "the signed body is not a CommandBody: " + e.getMessage(), "");
        }
        return checkBody(body, envelope.getKeyId());
    }

    private GateResult checkBody(CommandBody body, String keyId) {
        String rid = body.getRequestId();
        if (!settings.home().equals(body.getHome())) {
            return refused(Status.FORBIDDEN, "wrong_home", "the command is for home \"" + printable(body.getHome())
                    + "\", this gateway serves \"" + settings.home() + "\"", rid);
        }
        if (body.getUser().isEmpty()) return refused(Status.MALFORMED, "no_user", "the command names no user", rid);
        int nonce = body.getNonce().size();
        if (nonce < MIN_NONCE || nonce > MAX_NONCE) {
            return refused(Status.MALFORMED, "bad_nonce", "the nonce must be " + MIN_NONCE + "-" + MAX_NONCE + " bytes, not " + nonce, rid);
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
        switch (replays.record(body.getNonce(), expires + skew, now)) {
            case REPLAYED:
                return refused(Status.REPLAYED, "replayed", "this nonce was already used", rid);
            case FULL:
                return refused(Status.BUSY, "replay_cache_full", "too many live commands; retry later", rid);
            case FRESH:
                break;
        }
        var verified = new VerifiedCommand(body, keyId);
        Authorization a = authorizer.authorize(verified);
        if (a instanceof Authorization.Denied d) {
            return new GateResult.Refused(Status.FORBIDDEN, d.reasonCode(), d.message(), rid, Optional.of(verified.user()));
        }
        return new GateResult.Accepted(verified);
    }

    private static GateResult refused(Status status, String code, String message, String requestId) {
        return new GateResult.Refused(status, code, message, requestId);
    }

    /** Keeps attacker-chosen text short and printable in replies and logs. */
    private static String printable(String s) {
        String cut = s.length() > 64 ? s.substring(0, 64) + "…" : s;
        return cut.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

}
