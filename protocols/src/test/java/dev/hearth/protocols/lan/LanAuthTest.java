package dev.hearth.protocols.lan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LanAuthTest {

    // RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?".
    private static final byte[] RFC_KEY = "Jefe".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RFC_DATA = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RFC_MAC = HexFormat.of().parseHex(
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");

    @Test
    void proofIsHmacSha256OfNonceThenDeviceIdAsRfc4231Case2() {
        assertThat(LanAuth.proof(RFC_KEY, RFC_DATA, "")).isEqualTo(RFC_MAC);
    }

    @Test
    void proofAppendsTheDeviceIdInUtf8AfterTheNonce() {
        // Splitting the RFC data between nonce and device id must give the same MAC.
        byte[] nonce = "what do ya want ".getBytes(StandardCharsets.US_ASCII);

        assertThat(LanAuth.proof(RFC_KEY, nonce, "for nothing?")).isEqualTo(RFC_MAC);
        assertThat(LanAuth.proof(RFC_KEY, new byte[0], "what do ya want for nothing?")).isEqualTo(RFC_MAC);
    }

    @Test
    void verifyAcceptsTheRightProof() {
        assertThat(LanAuth.verify(RFC_KEY, RFC_DATA, "", RFC_MAC)).isTrue();
    }

    @Test
    void verifyRejectsAProofWithAnyOneBitChanged() {
        for (int bit = 0; bit < RFC_MAC.length * 8; bit++) {
            byte[] tampered = RFC_MAC.clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));

            assertThat(LanAuth.verify(RFC_KEY, RFC_DATA, "", tampered)).as("bit %d flipped", bit).isFalse();
        }
    }

    @Test
    void verifyRejectsAnotherDeviceIdNonceOrKey() {
        byte[] nonce = new byte[32];
        byte[] proof = LanAuth.proof(RFC_KEY, nonce, "lamp-1");

        assertThat(LanAuth.verify(RFC_KEY, nonce, "lamp-2", proof)).isFalse();
        assertThat(LanAuth.verify(RFC_KEY, new byte[] {1}, "lamp-1", proof)).isFalse();
        assertThat(LanAuth.verify("Jeff".getBytes(StandardCharsets.US_ASCII), nonce, "lamp-1", proof)).isFalse();
        assertThat(LanAuth.verify(RFC_KEY, nonce, "lamp-1", new byte[0])).isFalse();
        assertThat(LanAuth.verify(RFC_KEY, nonce, "lamp-1", new byte[31])).isFalse();
    }

    @Test
    void refusesAnEmptyKey() {
        assertThatThrownBy(() -> LanAuth.proof(new byte[0], new byte[32], "lamp-1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be empty");
    }

    @Test
    void newNonceIs32BytesFromTheGivenGenerator() {
        byte[] a = LanAuth.newNonce(new SplittableRandom(7));
        byte[] b = LanAuth.newNonce(new SplittableRandom(7));
        byte[] c = LanAuth.newNonce(new SplittableRandom(8));

        assertThat(a).hasSize(32).isEqualTo(b).isNotEqualTo(c);
    }
}
