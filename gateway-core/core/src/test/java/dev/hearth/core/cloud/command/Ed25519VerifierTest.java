package dev.hearth.core.cloud.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Ed25519VerifierTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void acceptsTheRfc8032TestVector() throws Exception {
        // RFC 8032 §7.1, TEST 2: a one-byte message
        PublicKey key = rawKey("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
        byte[] sig = HEX.parseHex("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
                + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
        Ed25519Verifier v = Ed25519Verifier.of(key);
        assertThat(v.verifies(HEX.parseHex("72"), sig)).isTrue();
        assertThat(v.verifies(HEX.parseHex("73"), sig)).isFalse();
    }

    @Test
    void verifiesWhatJavasOwnEd25519Signed() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] body = "a command body".getBytes(StandardCharsets.UTF_8);
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(pair.getPrivate());
        s.update(body);
        byte[] sig = s.sign();
        Ed25519Verifier v = Ed25519Verifier.of(pair.getPublic());
        assertThat(v.verifies(body, sig)).isTrue();
        sig[10] ^= 1;
        assertThat(v.verifies(body, sig)).isFalse();
    }

    @Test
    void signaturesOfTheWrongShapeAreSimplyInvalid() throws Exception {
        Ed25519Verifier v = Ed25519Verifier.of(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic());
        assertThat(v.verifies(new byte[] {1}, new byte[0])).isFalse();
        assertThat(v.verifies(new byte[] {1}, new byte[63])).isFalse();
        assertThat(v.verifies(new byte[] {1}, new byte[65])).isFalse();
        assertThat(v.verifies(new byte[] {1}, new byte[64])).isFalse();
    }

    @Test
    void refusesAKeyOfAnotherKind() throws Exception {
        PublicKey ec = KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic();
        assertThatThrownBy(() -> Ed25519Verifier.of(ec)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Ed25519");
    }

    private static PublicKey rawKey(String hex) throws Exception {
        byte[] der = HEX.parseHex("302a300506032b6570032100" + hex);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    }
}
