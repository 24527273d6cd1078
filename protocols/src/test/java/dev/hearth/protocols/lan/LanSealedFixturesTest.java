package dev.hearth.protocols.lan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.protocols.HexFixtures;
import org.junit.jupiter.api.Test;

/**
 * The committed sealed frames pin the v2 key schedule and frame layout: a change to the HKDF
 * labels, the transcript encoding, the header or the nonce moves these bytes and fails here.
 */
class LanSealedFixturesTest {

    @Test
    void theGatewaysFirstSealedFrameIsTheCommittedBytesAndOpensAtTheDevice() {
        byte[] fixture = HexFixtures.load("fixtures/lan-sealed/welcome_sealed.hex");

        assertThat(LanSamples.sealedByGateway().get("welcome_sealed")).isEqualTo(fixture);
        SealedFrames device = LanSamples.V2_TRANSCRIPT.sessionKeys(LanSamples.V2_KEY).deviceEnd();
        assertThat(device.open(fixture)).isInstanceOfSatisfying(SealedFrames.OpenResult.Opened.class, o ->
                assertThat(o.plaintext()).isEqualTo(LanFrames.body(LanSamples.all().get("welcome"))));
    }

    @Test
    void theDevicesFirstSealedFrameIsTheCommittedBytesAndOpensAtTheGateway() {
        byte[] fixture = HexFixtures.load("fixtures/lan-sealed/property_report_sealed.hex");

        assertThat(LanSamples.sealedByDevice().get("property_report_sealed")).isEqualTo(fixture);
        SealedFrames gateway = LanSamples.V2_TRANSCRIPT.sessionKeys(LanSamples.V2_KEY).gatewayEnd();
        assertThat(gateway.open(fixture)).isInstanceOfSatisfying(SealedFrames.OpenResult.Opened.class, o ->
                assertThat(o.plaintext()).isEqualTo(LanFrames.body(LanSamples.all().get("property_report"))));
    }

    @Test
    void theHeaderLayoutIsMarkerCounterAck() {
        byte[] fixture = HexFixtures.load("fixtures/lan-sealed/welcome_sealed.hex");
        assertThat(fixture[0]).isEqualTo(SealedFrames.MARKER);
        assertThat(java.util.Arrays.copyOfRange(fixture, 1, 17)).containsOnly(0);
        assertThat(fixture.length).isEqualTo(LanFrames.body(LanSamples.all().get("welcome")).length + SealedFrames.OVERHEAD);
    }
}
