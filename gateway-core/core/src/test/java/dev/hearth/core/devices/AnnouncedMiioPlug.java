package dev.hearth.core.devices;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.discovery.AdoptResult;
import dev.hearth.driver.api.DeviceSecret;
import dev.hearth.protocols.miio.MiioToken;
import dev.hearth.simulator.miio.DatagramLoop;
import dev.hearth.simulator.miio.MiioDeviceKind;
import dev.hearth.simulator.miio.MiioFaults;
import dev.hearth.simulator.miio.SimulatedMiioDevice;
import dev.hearth.testkit.Conditions;
import dev.hearth.testkit.PrivateNetwork;
import dev.hearth.testkit.RogueAnnouncer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The rig of the miIO ITs that need one simulated MIoT plug with a random token, announced once by
 * mDNS in the test's namespace and adopted from the inbox: the plug, its loop and the secrets that
 * hold its token. Closing it stops the plug and its loop (the test closes its own core first).
 */
final class AnnouncedMiioPlug implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(30);

    final long did;
    final String id;
    final InetAddress lo;
    final DeviceSecrets secrets = new DeviceSecrets();
    final SimulatedMiioDevice plug;
    private final DatagramLoop loop;

    private AnnouncedMiioPlug(long did, InetAddress lo, DatagramLoop loop, SimulatedMiioDevice plug, byte[] token) {
        this.did = did;
        this.id = "miio-" + did;
        this.lo = lo;
        this.loop = loop;
        this.plug = plug;
        secrets.put(id, new DeviceSecret(token));
    }

    /** A plug with device id {@code did} and {@code faults} on the namespace's loopback. */
    static AnnouncedMiioPlug start(long did, MiioFaults faults) throws Exception {
        PrivateNetwork.require();
        InetAddress lo = PrivateNetwork.loopback("hearth-it");
        DatagramLoop loop = DatagramLoop.start(false);
        byte[] token = new byte[16];
        new SecureRandom().nextBytes(token);
        try {
            SimulatedMiioDevice plug = SimulatedMiioDevice.start(MiioDeviceKind.MIOT_PLUG, did, MiioToken.of(token),
                    new InetSocketAddress(lo, 0), faults, loop, Clock.systemUTC());
            return new AnnouncedMiioPlug(did, lo, loop, plug, token);
        } catch (Exception | Error e) {
            loop.stop();
            throw e;
        }
    }

    /** Announces the plug (with {@code mac}) until {@code core} lists it in the inbox, then adopts it. */
    void announceAndAdopt(CoreUnderTest core, String mac) throws Exception {
        try (RogueAnnouncer announcer = new RogueAnnouncer(lo, "plug-host")) {
            announcer.announce(new RogueAnnouncer.Service("_miio._udp.local.", plug.instanceName(), lo,
                    plug.address().getPort(), Map.of("epoch", "1", "mac", mac)));
            Conditions.await("the plug in the inbox", WAIT, () -> core.inbox.find(id).isPresent());
        }
        assertThat(core.adoption.adopt(id)).isEqualTo(AdoptResult.ADOPTED);
    }

    @Override
    public void close() throws Exception {
        try {
            plug.close();
        } finally {
            loop.stop();
        }
    }
}
