package dev.hearth.protocols.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.hearth.protocols.cloud.v1.CommandBody;
import dev.hearth.protocols.cloud.v1.ReadStateOp;
import dev.hearth.protocols.cloud.v1.SignedCommand;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class CommandDecoderTest {

    private static final int MAX = 4096;
    private final CommandDecoder decoder = new CommandDecoder(MAX);

    @Test
    void decodesAWellFormedCommand() {
        CommandBody body = readState(b -> b);
        SignedCommand envelope = CloudSamples.sign(body);

        assertThat(decoder.decode(envelope.toByteArray()))
                .isEqualTo(new CloudDecodeResult.Decoded<>(new UnverifiedCommand(envelope, body)));
    }

    @Test
    void rejectsAnEmptyPayload() {
        assertMalformed(new byte[0], "payload is empty");
    }

    @Test
    void rejectsAnOversizedPayloadWithoutParsingIt() {
        assertMalformed(new byte[MAX + 1], "of " + (MAX + 1) + " bytes exceeds the limit of " + MAX);
    }

    @Test
    void rejectsAPayloadThatIsNotProtobuf() {
        assertMalformed(new byte[] {(byte) 0xff, (byte) 0xff, 0x01}, "not a valid SignedCommand");
    }

    @Test
    void rejectsAnEnvelopeWithoutBody() {
        assertMalformed(CloudSamples.sign(readState(b -> b)).toBuilder().clearBody().build(), "has no body");
    }

    @Test
    void rejectsAnEnvelopeWithoutSignature() {
        assertMalformed(CloudSamples.sign(readState(b -> b)).toBuilder().clearSignature().build(), "has no signature");
    }

    @Test
    void rejectsASignatureOfTheWrongLength() {
        assertMalformed(CloudSamples.sign(readState(b -> b)).toBuilder().setSignature(ByteString.copyFrom(new byte[63])).build(),
                "signature is 63 bytes");
    }

    @Test
    void rejectsAnEnvelopeWithoutKeyId() {
        assertMalformed(CloudSamples.sign(readState(b -> b)).toBuilder().clearKeyId().build(), "no key_id");
    }

    @Test
    void rejectsABodyThatIsNotACommandBody() {
        assertMalformed(CloudSamples.sign(readState(b -> b)).toBuilder().setBody(ByteString.copyFrom(new byte[] {0x0a, 0x05})).build(),
                "body is not a valid CommandBody");
    }

    @Test
    void rejectsAMissingSchemaVersion() {
        assertMalformed(CloudSamples.sign(readState(CommandBody.Builder::clearSchemaVersion)), "schema_version is missing");
    }

    @Test
    void rejectsAnUnsupportedSchemaVersion() {
        assertMalformed(CloudSamples.sign(readState(b -> b.setSchemaVersion(3))), "schema_version 3 is not supported");
    }

    @Test
    void rejectsTheOldSchemaVersionThatNamedNoGateway() {
        assertMalformed(CloudSamples.sign(readState(b -> b.setSchemaVersion(1))), "unsupported_schema_version",
                "schema_version 1 is not supported (this gateway reads 2)");
    }

    @Test
    void rejectsABodyThatNamesNoGatewayOrNoHome() {
        assertMalformed(CloudSamples.sign(readState(CommandBody.Builder::clearGateway)), "no_gateway", "names no gateway");
        assertMalformed(CloudSamples.sign(readState(CommandBody.Builder::clearHome)), "no_home", "names no home");
    }

    @Test
    void givesEveryEnvelopeProblemItsCode() {
        assertMalformed(new byte[0], "empty", "payload is empty");
        assertMalformed(new byte[MAX + 1], "too_large", "exceeds the limit");
        assertMalformed(new byte[] {(byte) 0xff, (byte) 0xff, 0x01}, "not_protobuf", "not a valid SignedCommand");
        assertMalformed(CloudSamples.sign(readState(b -> b)).toBuilder().clearKeyId().build().toByteArray(), "incomplete", "no key_id");
    }

    @Test
    void rejectsAMissingRequestId() {
        assertMalformed(CloudSamples.sign(readState(CommandBody.Builder::clearRequestId)), "no request_id");
    }

    @Test
    void rejectsAMissingUser() {
        assertMalformed(CloudSamples.sign(readState(CommandBody.Builder::clearUser)), "names no user");
    }

    @Test
    void rejectsAMissingOrShortNonce() {
        assertMalformed(CloudSamples.sign(readState(CommandBody.Builder::clearNonce)), "nonce is 0 bytes");
        assertMalformed(CloudSamples.sign(readState(b -> b.setNonce(ByteString.copyFrom(new byte[7])))), "nonce is 7 bytes");
        assertMalformed(CloudSamples.sign(readState(b -> b.setNonce(ByteString.copyFrom(new byte[65])))), "nonce is 65 bytes");
    }

    @Test
    void rejectsAMissingOperation() {
        assertMalformed(CloudSamples.sign(CloudSamples.baseBody().build()), "no operation");
    }

    @Test
    void rejectsADeviceOperationWithoutDevice() {
        assertMalformed(CloudSamples.sign(readState(CommandBody.Builder::clearDevice)), "read_state operation names no device");
    }

    @Test
    void decodesTheEnvelopeAloneSoTheGateCanVerifyBeforeParsingTheBody() {
        SignedCommand envelope = CloudSamples.sign(readState(b -> b)).toBuilder()
                .setBody(ByteString.copyFrom(new byte[] {0x0a, 0x05})).build();

        assertThat(decoder.decodeEnvelope(envelope.toByteArray())).isEqualTo(new CloudDecodeResult.Decoded<>(envelope));
        assertThat(decoder.decodeBody(envelope)).isInstanceOf(CloudDecodeResult.Malformed.class);
    }

    private static CommandBody readState(UnaryOperator<CommandBody.Builder> change) {
        return change.apply(CloudSamples.baseBody().setReadState(ReadStateOp.getDefaultInstance())).build();
    }

    private void assertMalformed(SignedCommand envelope, String reason) {
        assertMalformed(envelope.toByteArray(), reason);
    }

    private void assertMalformed(byte[] payload, String reason) {
        assertThat(decoder.decode(payload)).isInstanceOfSatisfying(CloudDecodeResult.Malformed.class,
                m -> assertThat(m.reason()).contains(reason));
    }

    private void assertMalformed(SignedCommand envelope, String code, String reason) {
        assertMalformed(envelope.toByteArray(), code, reason);
    }

    private void assertMalformed(byte[] payload, String code, String reason) {
        assertThat(decoder.decode(payload)).isInstanceOfSatisfying(CloudDecodeResult.Malformed.class, m -> {
            assertThat(m.code()).isEqualTo(code);
            assertThat(m.reason()).contains(reason);
        });
    }
}
