package dev.hearth.protocols.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.google.protobuf.ByteString;
import dev.hearth.protocols.Mutator;
import dev.hearth.protocols.cloud.v1.CommandBody;
import dev.hearth.protocols.cloud.v1.SignedCommand;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * 100,000 random and mutated command payloads (the envelope's bytes, or the body inside a valid
 * envelope): each must give Decoded or Malformed, never an exception or a hang, and a decoded
 * command must satisfy every rule the decoder promises.
 */
class CommandDecoderFuzzTest {

    private static final int CASES = 100_000;
    private static final int MAX = 2048;

    @Test
    void everyRandomOrMutatedPayloadIsDecodedOrMalformedNeverAnException() {
        long seed = Mutator.seed(0xc0ffee_c0deL);
        long started = System.nanoTime();
        int[] counts = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> run(seed));
        System.out.printf("Command decoder: %d payloads in %d ms (seed %d): %d decoded, %d malformed%n",
                CASES, (System.nanoTime() - started) / 1_000_000, seed, counts[0], counts[1]);

        assertThat(counts[0]).as("decoded payloads").isGreaterThan(CASES / 20);
        assertThat(counts[1]).as("malformed payloads").isGreaterThan(CASES / 2);
    }

    private static int[] run(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Mutator mutator = new Mutator(random);
        CommandDecoder decoder = new CommandDecoder(MAX);
        List<byte[]> envelopes = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        for (CommandBody body : CloudSamples.commandBodies().values()) {
            envelopes.add(CloudPayloads.encode(CloudSamples.sign(body)));
            bodies.add(CloudPayloads.encode(body));
        }
        int decoded = 0;
        int malformed = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] input;
            if (random.nextBoolean()) {
                input = mutator.mutate(envelopes.get(random.nextInt(envelopes.size())), envelopes);
            } else {
                byte[] body = mutator.mutate(bodies.get(random.nextInt(bodies.size())), bodies);
                input = SignedCommand.newBuilder().setBody(ByteString.copyFrom(body))
                        .setSignature(ByteString.copyFrom(mutator.randomBytes(64))).setKeyId("k1").build().toByteArray();
            }
            try {
                CloudDecodeResult<UnverifiedCommand> result = decoder.decode(input);
                if (result instanceof CloudDecodeResult.Decoded<UnverifiedCommand> d) {
                    CommandBody body = d.value().body();
                    assertThat(input.length).isBetween(1, MAX);
                    assertThat(d.value().envelope().getSignature().size()).isEqualTo(CommandDecoder.SIGNATURE_BYTES);
                    assertThat(d.value().envelope().getKeyId()).isNotBlank();
                    assertThat(body.getSchemaVersion()).isEqualTo(CommandDecoder.SCHEMA_VERSION);
                    assertThat(body.getHome()).isNotBlank();
                    assertThat(body.getGateway()).isNotBlank();
                    assertThat(body.getRequestId()).isNotBlank();
                    assertThat(body.getUser()).isNotBlank();
                    assertThat(body.getNonce().size()).isBetween(CommandDecoder.MIN_NONCE_BYTES, CommandDecoder.MAX_NONCE_BYTES);
                    assertThat(body.getOperationCase()).isNotEqualTo(CommandBody.OperationCase.OPERATION_NOT_SET);
                    decoded++;
                } else {
                    assertThat(((CloudDecodeResult.Malformed<UnverifiedCommand>) result).reason()).isNotBlank();
                    assertThat(((CloudDecodeResult.Malformed<UnverifiedCommand>) result).code()).matches("[a-z_]+");
                    malformed++;
                }
            } catch (Throwable t) {
                throw new AssertionError(Mutator.describe(seed, i, input), t);
            }
        }
        return new int[] {decoded, malformed};
    }
}
