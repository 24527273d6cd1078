package dev.hearth.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HostCheckTest {
    private static InetAddress ip(int a, int b, int c, int d) throws Exception {
        return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    }

    @Test
    void onLoopbackOnlyLoopbackLocalhostAndConfiguredNamesAreOurs() throws Exception {
        HostCheck check = new HostCheck(ip(127, 0, 0, 1), Set.of("hearth.home.arpa"));
        assertThat(check.accepts("127.0.0.1:8080")).isTrue();
        assertThat(check.accepts("localhost")).isTrue();
        assertThat(check.accepts("LOCALHOST.:8080")).isTrue();
        assertThat(check.accepts("[::1]:8080")).isTrue();
        assertThat(check.accepts("Hearth.Home.Arpa")).isTrue();
        assertThat(check.accepts("evil.example")).isFalse();
        assertThat(check.accepts("evil.example:8080")).isFalse();
        assertThat(check.accepts("192.168.1.5")).isFalse();
        assertThat(check.accepts("127.0.0.1.evil.example")).isFalse();
        assertThat(check.accepts("127.0.0.1:80:80")).isFalse();
        assertThat(check.accepts("")).isFalse();
        assertThat(check.accepts(null)).isFalse();
        assertThat(check.accepts("a b")).isFalse();
    }

    @Test
    void onALanAddressTheAddressItselfAndConfiguredNamesAreOurs() throws Exception {
        HostCheck check = new HostCheck(ip(192, 168, 1, 5), Set.of("gw.local"));
        assertThat(check.accepts("192.168.1.5:8080")).isTrue();
        assertThat(check.accepts("gw.local")).isTrue();
        assertThat(check.accepts("localhost")).isFalse();
        assertThat(check.accepts("192.168.1.6")).isFalse();
        assertThat(check.accepts("rebind.evil.example")).isFalse();
    }

    @Test
    void onTheWildcardAddressAnyAddressLiteralButNoForeignName() throws Exception {
        HostCheck check = new HostCheck(ip(0, 0, 0, 0), Set.of());
        assertThat(check.accepts("10.1.2.3:8080")).isTrue();
        assertThat(check.accepts("localhost")).isTrue();
        assertThat(check.accepts("0.0.0.0")).isFalse();
        assertThat(check.accepts("224.0.0.251")).isFalse();
        assertThat(check.accepts("evil.example")).isFalse();
    }
}
