package dev.hearth.protocols.miio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * 100,000+ random and mutated datagrams through the decoder (and the JSON-RPC parser for
 * whatever decrypts): each must end in a decoded value or Malformed, never an exception or a hang.
 */
class MiioDecoderMutationTest {
    private enum Outcome { HELLO, HELLO_REPLY, MESSAGE, MALFORMED }

    @Test
    void everyMutatedPacketEndsInAValueOrMalformed() {
        MiioPacketCodec codec = new MiioPacketCodec(2048);
        MiioRpcCodec rpc = new MiioRpcCodec();
        Random random = new Random(0x2131);
        byte[][] seeds = {
                MiioPacketCodec.hello(),
                MiioPacketCodec.helloReply(Fixtures.DEVICE_ID, Fixtures.STAMP),
                Fixtures.packet("request.hex"),
                Fixtures.packet("reply.hex"),
                codec.encode(MiioHeader.of(1, 2), "{\"id\":1,\"method\":\"get_properties\",\"params\":[{\"did\":\"1\",\"siid\":2,\"piid\":1}]}"
                        .getBytes(StandardCharsets.UTF_8), Fixtures.TOKEN),
        };
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        int total = 120_000;
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < total; i++) {
                byte[] p = mutate(seeds[random.nextInt(seeds.length)], random);
                MiioDecodeResult r = codec.decode(p, Fixtures.TOKEN);
                Outcome o;
                if (r instanceof MiioDecodeResult.Hello) {
                    o = Outcome.HELLO;
                } else if (r instanceof MiioDecodeResult.HelloReply) {
                    o = Outcome.HELLO_REPLY;
                } else if (r instanceof MiioDecodeResult.Message m) {
                    assertThat(rpc.parse(m.json())).isNotNull();
                    o = Outcome.MESSAGE;
                } else {
                    assertThat(((MiioDecodeResult.Malformed) r).reason()).isNotBlank();
                    o = Outcome.MALFORMED;
                }
                outcomes.merge(o, 1, Integer::sum);
            }
        });
        assertThat(outcomes.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(total);
        assertThat(outcomes).containsKeys(Outcome.MALFORMED, Outcome.MESSAGE, Outcome.HELLO_REPLY);
    }

    private static byte[] mutate(byte[] seed, Random random) {
        switch (random.nextInt(7)) {
            case 0: { // random garbage of random size
                byte[] g = new byte[random.nextInt(2200)];
                random.nextBytes(g);
                return g;
            }
            case 1: { // flip a few bits
                byte[] p = seed.clone();
                for (int n = 1 + random.nextInt(3); n > 0; n--) p[random.nextInt(p.length)] ^= (byte) (1 << random.nextInt(8));
                return p;
            }
            case 2: // truncate
                return Arrays.copyOf(seed, random.nextInt(seed.length + 1));
            case 3: { // extend, fixing the length field so the checksum is what rejects it
                byte[] p = Arrays.copyOf(seed, seed.length + random.nextInt(64));
                p[2] = (byte) (p.length >> 8);
                p[3] = (byte) p.length;
                return p;
            }
            case 4: { // random length field
                byte[] p = seed.clone();
                p[2] = (byte) random.nextInt(256);
                p[3] = (byte) random.nextInt(256);
                return p;
            }
            case 5: { // oversized
                return Arrays.copyOf(seed, 2049 + random.nextInt(100));
            }
            default: // unchanged: the decoder must still accept good packets
                return seed.clone();
        }
    }
}
