package dev.hearth.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.simulator.miio.MiioDeviceKind;
import dev.hearth.simulator.miio.MiioFleet;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class MiioSectionTest {

    @Test
    void kindsAreCycledAndAddressesCountUpAcrossAnOctet() {
        MiioFleet.Options o = MiioSection.options(3, List.of("plug", "FAN"), MiioFleet.address(127, 0, 0, 254), true);

        assertThat(o.kinds()).containsExactly(MiioDeviceKind.MIOT_PLUG, MiioDeviceKind.LEGACY_FAN);
        assertThat(o.port()).isEqualTo(54321);
        assertThat(o.announce()).isTrue();
        assertThat(MiioSection.addresses(o)).extracting(InetAddress::getHostAddress)
                .containsExactly("127.0.0.254", "127.0.0.255", "127.0.1.0");
    }

    @Test
    void noDevicesNeedNoAddresses() {
        assertThat(MiioSection.addresses(MiioSection.options(0, List.of("fan"), MiioFleet.address(127, 0, 0, 2), false))).isEmpty();
    }

    @Test
    void theNetworkAndBroadcastEndsOf127AreRefused() {
        assertThatThrownBy(() -> MiioSection.options(1, List.of("fan"), MiioFleet.address(127, 0, 0, 0), false))
                .hasMessageContaining("leaves no room");
        assertThatThrownBy(() -> MiioSection.options(1, List.of("fan"), MiioFleet.address(127, 255, 255, 255), false))
                .hasMessageContaining("leaves no room");
    }

    @Test
    void manyMissingAddressesAreSummarised() {
        List<InetAddress> missing = List.of(MiioFleet.address(127, 0, 0, 2), MiioFleet.address(127, 0, 0, 3),
                MiioFleet.address(127, 0, 0, 4), MiioFleet.address(127, 0, 0, 5), MiioFleet.address(127, 0, 0, 6));
        assertThat(MiioSection.missingAddressHelp(missing))
                .contains("127.0.0.2 … 127.0.0.6 (5 addresses)", "ip addr replace 127.0.0.2/32 dev lo");
    }
}
