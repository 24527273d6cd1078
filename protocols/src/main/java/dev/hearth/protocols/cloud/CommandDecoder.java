package dev.hearth.protocols.cloud;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.hearth.protocols.cloud.v1.CommandBody;
import dev.hearth.protocols.cloud.v1.SignedCommand;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Decodes the {@code commands} topic's payloads: the {@link SignedCommand} envelope, then the
 * {@link CommandBody} inside it. Checks shape only (sizes, required fields, schema version):
 * the signature, the gateway and home, expiry, replay and permissions are the command gate's job.
 * Never throws on bad input; every Malformed carries a code for the reply and the counters.
 */
public final class CommandDecoder {

    /**
     * The command body's {@code schema_version}: 2 since the body names its gateway. Version 1
     * bodies could be replayed on every gateway of a home and are refused.
     */
    public static final int SCHEMA_VERSION = 2;
    /**
     * The schema_version of a user-signed body: the envelope's key_id is {@link #USER_KEY_ID} and
     * the body carries the signer's own key and counter. Read only by {@link #decodeUserBody}.
     */
    public static final int USER_SCHEMA_VERSION = 3;
    /** The envelope key_id of a user-signed command: the key is the body's signer_key. */
    public static final String USER_KEY_ID = "user";
    /** Ed25519 public keys (RFC 8032) are always this long. */
    public static final int PUBLIC_KEY_BYTES = 32;

    /** Ed25519 signatures are always this long. */
    public static final int SIGNATURE_BYTES = 64;
    /** cloud.proto asks for at least 8 random bytes; the upper bound keeps the replay cache small. */
    public static final int MIN_NONCE_BYTES = 8;
    public static final int MAX_NONCE_BYTES = 64;

    private static final Set<CommandBody.OperationCase> DEVICE_OPERATIONS = EnumSet.of(
            CommandBody.OperationCase.SET_PROPERTIES, CommandBody.OperationCase.INVOKE_ACTION,
            CommandBody.OperationCase.READ_STATE, CommandBody.OperationCase.ASSIGN_DEVICE,
            CommandBody.OperationCase.RENAME_DEVICE);

    private final int maxBytes;

    /** @param maxBytes the largest payload accepted; larger ones are refused before parsing */
    public CommandDecoder(int maxBytes) {
        this.maxBytes = CloudPayloads.requirePositive(maxBytes);
    }

    /** The envelope and its body, both well formed; the signature is not checked. */
    public CloudDecodeResult<UnverifiedCommand> decode(byte[] payload) {
        CloudDecodeResult<SignedCommand> envelope = decodeEnvelope(payload);
        if (envelope instanceof CloudDecodeResult.Malformed<SignedCommand> m) {
            return CloudPayloads.malformed(m.code(), m.reason());
        }
        SignedCommand signed = ((CloudDecodeResult.Decoded<SignedCommand>) envelope).value();
        CloudDecodeResult<CommandBody> body = decodeBody(signed);
        if (body instanceof CloudDecodeResult.Malformed<CommandBody> m) {
            return CloudPayloads.malformed(m.code(), m.reason());
        }
        return new CloudDecodeResult.Decoded<>(
                new UnverifiedCommand(signed, ((CloudDecodeResult.Decoded<CommandBody>) body).value()));
    }

    /** The envelope: a bounded, parseable SignedCommand with a body, a 64-byte signature and a key id. */
    public CloudDecodeResult<SignedCommand> decodeEnvelope(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return CloudPayloads.malformed("empty", "the command payload is empty");
        }
        if (payload.length > maxBytes) {
            return CloudPayloads.malformed("too_large", "the command payload of " + payload.length + " bytes exceeds the limit of " + maxBytes);
        }
        SignedCommand signed;
        try {
            signed = SignedCommand.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            return CloudPayloads.malformed("not_protobuf", "the command payload is not a valid SignedCommand: " + e.getMessage());
        }
        if (signed.getBody().isEmpty()) {
            return CloudPayloads.malformed("incomplete", "the signed command has no body");
        }
        if (signed.getSignature().isEmpty()) {
            return CloudPayloads.malformed("incomplete", "the signed command has no signature");
        }
        if (signed.getSignature().size() != SIGNATURE_BYTES) {
            return CloudPayloads.malformed("bad_signature_length", "the signature is " + signed.getSignature().size()
                    + " bytes; an Ed25519 signature is " + SIGNATURE_BYTES);
        }
        if (signed.getKeyId().isBlank()) {
            return CloudPayloads.malformed("incomplete", "the signed command names no key_id");
        }
        return new CloudDecodeResult.Decoded<>(signed);
    }

    /** The body inside a well-formed envelope: parseable, current schema version, required fields set. */
    public CloudDecodeResult<CommandBody> decodeBody(SignedCommand envelope) {
        CommandBody body;
        try {
            body = CommandBody.parseFrom(Objects.requireNonNull(envelope, "envelope").getBody());
        } catch (InvalidProtocolBufferException e) {
            return CloudPayloads.malformed("bad_body", "the command body is not a valid CommandBody: " + e.getMessage());
        }
        if (body.getSchemaVersion() != SCHEMA_VERSION) {
            return CloudPayloads.malformed("unsupported_schema_version",
                    "the command's " + CloudPayloads.unsupportedVersion(body.getSchemaVersion(), SCHEMA_VERSION));
        }
        if (!body.getSignerKey().isEmpty() || body.getCounter() != 0) {
            return CloudPayloads.malformed("unexpected_signer", "a cloud-signed command carries no signer_key or counter");
        }
        return checkFields(body);
    }

    /**
     * The body of a user-signed envelope (key_id {@link #USER_KEY_ID}): parseable, schema_version
     * {@link #USER_SCHEMA_VERSION}, a 32-byte signer_key, a counter above 0, and the fields every
     * command needs. The signature is not checked here: the gate checks it against signer_key.
     */
    public CloudDecodeResult<CommandBody> decodeUserBody(SignedCommand envelope) {
        CommandBody body;
        try {
            body = CommandBody.parseFrom(Objects.requireNonNull(envelope, "envelope").getBody());
        } catch (InvalidProtocolBufferException e) {
            return CloudPayloads.malformed("bad_body", "the command body is not a valid CommandBody: " + e.getMessage());
        }
        if (body.getSchemaVersion() != USER_SCHEMA_VERSION) {
            return CloudPayloads.malformed("unsupported_schema_version",
                    "the user-signed command's " + CloudPayloads.unsupportedVersion(body.getSchemaVersion(), USER_SCHEMA_VERSION));
        }
        if (body.getSignerKey().size() != PUBLIC_KEY_BYTES) {
            return CloudPayloads.malformed("bad_signer_key", "the signer_key is " + body.getSignerKey().size()
                    + " bytes; an Ed25519 public key is " + PUBLIC_KEY_BYTES);
        }
        if (body.getCounter() == 0) {
            return CloudPayloads.malformed("no_counter", "a user-signed command needs a counter above 0");
        }
        return checkFields(body);
    }

    private static CloudDecodeResult<CommandBody> checkFields(CommandBody body) {
        if (body.getRequestId().isBlank()) {
            return CloudPayloads.malformed("no_request_id", "the command has no request_id");
        }
        if (body.getUser().isBlank()) {
            return CloudPayloads.malformed("no_user", "the command names no user");
        }
        if (body.getHome().isBlank()) {
            return CloudPayloads.malformed("no_home", "the command names no home");
        }
        if (body.getGateway().isBlank()) {
            return CloudPayloads.malformed("no_gateway", "the command names no gateway");
        }
        int nonce = body.getNonce().size();
        if (nonce < MIN_NONCE_BYTES || nonce > MAX_NONCE_BYTES) {
            return CloudPayloads.malformed("bad_nonce", "the command's nonce is " + nonce + " bytes; it must be "
                    + MIN_NONCE_BYTES + " to " + MAX_NONCE_BYTES);
        }
        if (body.getOperationCase() == CommandBody.OperationCase.OPERATION_NOT_SET) {
            return CloudPayloads.malformed("no_operation", "the command has no operation (or one this gateway does not know)");
        }
        if (DEVICE_OPERATIONS.contains(body.getOperationCase()) && body.getDevice().isBlank()) {
            return CloudPayloads.malformed("no_device", "the command's " + body.getOperationCase().name().toLowerCase(Locale.ROOT)
                    + " operation names no device");
        }
        return new CloudDecodeResult.Decoded<>(body);
    }
}
