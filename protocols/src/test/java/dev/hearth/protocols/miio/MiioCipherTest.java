package dev.hearth.protocols.miio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MiioCipherTest {
    private final MiioPacketCodec codec = new MiioPacketCodec(1024);
    private final MiioHeader header = MiioHeader.of(0x1234L, 0x5678L);

    @Test
    void oneCipherReusedForManyPacketsCodesThemAsAFreshOneWould() {
        MiioCipher cipher = MiioCipher.of(Fixtures.TOKEN);
        for (int i = 0; i < 50; i++) {
            byte[] json = ("{\"id\":" + i + ",\"method\":\"get_prop\",\"params\":[\"power\"]}").getBytes(StandardCharsets.UTF_8);
            byte[] packet = codec.encode(header, json, cipher);
            assertThat(packet).isEqualTo(codec.encode(header, json, Fixtures.TOKEN));
            assertThat(((MiioDecodeResult.Message) codec.decode(packet, cipher)).json()).isEqualTo(json);
        }
    }

    @Test
    void aPacketWithBadPaddingDoesNotSpoilTheNextOne() throws Exception {
        MiioCipher cipher = MiioCipher.of(Fixtures.TOKEN);
        byte[] good = codec.encode(header, "{\"id\":1,\"result\":[\"on\"]}".getBytes(StandardCharsets.UTF_8), cipher);
        // one block ending in 0x00, encrypted without padding and signed: only the padding check can catch it
        javax.crypto.Cipher raw = javax.crypto.Cipher.getInstance("AES/CBC/NoPadding");
        raw.init(javax.crypto.Cipher.ENCRYPT_MODE, new javax.crypto.spec.SecretKeySpec(Fixtures.TOKEN.aesKey(), "AES"),
                new javax.crypto.spec.IvParameterSpec(Fixtures.TOKEN.aesIv()));
        byte[] bad = java.util.Arrays.copyOf(good, 48);
        bad[3] = 48;
        System.arraycopy(raw.doFinal(java.util.Arrays.copyOf("{\"id\":1}".getBytes(StandardCharsets.UTF_8), 16)), 0, bad, 32, 16);
        byte[] sum = MiioToken.md5(java.util.Arrays.copyOf(bad, 16), Fixtures.TOKEN.raw(),
                java.util.Arrays.copyOfRange(bad, 32, bad.length));
        System.arraycopy(sum, 0, bad, 16, 16);

        assertThat(codec.decode(bad, cipher)).isEqualTo(new MiioDecodeResult.Malformed("bad_padding"));
        assertThat(((MiioDecodeResult.Message) codec.decode(good, cipher)).jsonText()).isEqualTo("{\"id\":1,\"result\":[\"on\"]}");
    }

    @Test
    void neverShowsTheToken() {
        assertThat(MiioCipher.of(Fixtures.TOKEN).toString()).isEqualTo("MiioCipher[redacted]");
    }
}
