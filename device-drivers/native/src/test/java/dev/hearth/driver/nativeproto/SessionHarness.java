package dev.hearth.driver.nativeproto;

import dev.hearth.testkit.ManualClock;
import dev.hearth.testkit.ManualScheduler;

import com.google.protobuf.ByteString;
import dev.hearth.driver.api.Backoff;
import dev.hearth.driver.api.DeviceEvent;
import dev.hearth.driver.api.DeviceSecret;
import dev.hearth.driver.api.DiscoveredDevice;
import dev.hearth.driver.api.DriverSettings;
import dev.hearth.driver.api.model.ModelCatalog;
import dev.hearth.protocols.lan.LanAuth;
import dev.hearth.protocols.lan.LanDecodeResult;
import dev.hearth.protocols.lan.LanFrames;
import dev.hearth.protocols.lan.LanTranscript;
import dev.hearth.protocols.lan.SealedFrames;
import dev.hearth.protocols.lan.v1.Challenge;
import dev.hearth.protocols.lan.v1.Hello;
import dev.hearth.protocols.lan.v1.LanMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A {@link NativeSession} wired to fakes: a fake clock and scheduler, a direct executor, and a
 * connector that hands out {@link EmbeddedChannel}s, so a test plays the device byte by byte.
 */
final class SessionHarness {
    static final String DEVICE = "native-lamp-001";
    static final byte[] KEY = new byte[32];

    static {
        new Random(7).nextBytes(KEY);
    }

    final ManualClock clock = new ManualClock(Instant.parse("2030-01-01T00:00:00Z"));
    final ManualScheduler scheduler = new ManualScheduler(clock);
    final CountingCounters counters = new CountingCounters();
    final List<DeviceEvent> events = new ArrayList<>();
    final List<EmbeddedChannel> channels = new ArrayList<>();
    final Map<String, DeviceSecret> secrets = new HashMap<>();
    final NativeSession session;

    SessionHarness() {
        this(Map.of());
    }

    SessionHarness(Map<String, String> options) {
        secrets.put(DEVICE, new DeviceSecret(KEY));
        scheduler.afterEach(() -> channels.forEach(EmbeddedChannel::runPendingTasks));
        DriverSettings settings = new DriverSettings(3, Duration.ofSeconds(5), Duration.ofMillis(500), Duration.ofSeconds(30), options);
        LinkEnvironment env = new LinkEnvironment(clock, scheduler, id -> Optional.ofNullable(secrets.get(id)),
                ModelCatalog.fromClasspath(getClass().getClassLoader()), counters, NativeOptions.from(settings), 3,
                Backoff.doubling(settings.reconnectMin(), settings.reconnectMax()), new Random(1)::nextDouble,
                () -> LanAuth.newNonce(new Random(2)));
        DiscoveredDevice device = new DiscoveredDevice(DEVICE, "native", "hearth.light.lamp1",
                InetSocketAddress.createUnresolved("device.invalid", 4000), Map.of());
        session = new NativeSession(device, events::add, env, Runnable::run, (address, init) -> {
            deviceEnd = Optional.empty();
            EmbeddedChannel ch = new EmbeddedChannel(init);
            channels.add(ch);
            return ch.newSucceededFuture();
        }, s -> { });
        session.start();
    }

    EmbeddedChannel channel() {
        return channels.get(channels.size() - 1);
    }

    /** The device's sealing once a v2 handshake went through (the harness plays the device's end). */
    Optional<SealedFrames> deviceEnd = Optional.empty();

    /** The device sends {@code message} on the current connection (sealed once the v2 handshake is done). */
    void deviceSends(LanMessage message) {
        deviceSendsBytes(deviceFrame(message));
    }

    /** The bytes the device would put on the wire for {@code message}, sealing it when the session is sealed. */
    byte[] deviceFrame(LanMessage message) {
        byte[] plain = LanFrames.encode(message);
        if (deviceEnd.isEmpty()) return plain;
        LanDecodeResult parsed = LanFrames.decode(plain);
        return frame(deviceEnd.get().seal(((LanDecodeResult.Decoded) parsed).message().toByteArray()));
    }

    static byte[] frame(byte[] body) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int v = body.length;
        while ((v & ~0x7F) != 0) {
            out.write((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write(v);
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** The device seals {@code body} (any bytes, not necessarily a LanMessage) and sends it. */
    void deviceSendsSealed(byte[] body) {
        deviceSendsBytes(frame(deviceEnd.orElseThrow().seal(body)));
    }

    void deviceSendsBytes(byte[] bytes) {
        channel().writeInbound(Unpooled.wrappedBuffer(bytes));
        channel().runPendingTasks();
    }

    /** The next message the gateway wrote, or empty. */
    Optional<LanMessage> gatewaySent() {
        ByteBuf out = channel().readOutbound();
        while (out != null && out.readableBytes() == 0) {
            out.release();
            out = channel().readOutbound();
        }
        if (out == null) return Optional.empty();
        byte[] bytes = ByteBufUtil.getBytes(out);
        out.release();
        LanDecodeResult r = LanFrames.decode(bytes);
        if (deviceEnd.isPresent() && r instanceof LanDecodeResult.Decoded plain && !plain.message().hasReject()
                || deviceEnd.isPresent() && r instanceof LanDecodeResult.Malformed) {
            byte[] body = java.util.Arrays.copyOfRange(bytes, bytes.length - bodyLength(bytes), bytes.length);
            SealedFrames.OpenResult opened = deviceEnd.get().open(body);
            if (!(opened instanceof SealedFrames.OpenResult.Opened o)) throw new AssertionError("the gateway's frame does not open: " + opened);
            r = LanFrames.decode(LanFrames.encode(parse(o.plaintext())));
        }
        return Optional.of(((LanDecodeResult.Decoded) r).message());
    }

    private static int bodyLength(byte[] frame) {
        int length = 0;
        for (int i = 0, shift = 0; ; i++, shift += 7) {
            length |= (frame[i] & 0x7F) << shift;
            if ((frame[i] & 0x80) == 0) return length;
        }
    }

    private static LanMessage parse(byte[] body) {
        try {
            return LanMessage.parseFrom(body);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    static final byte[] DEVICE_NONCE = new byte[32];

    static {
        new Random(11).nextBytes(DEVICE_NONCE);
    }

    /** A v2 device's Hello. */
    static Hello.Builder hello() {
        return Hello.newBuilder().setDeviceId(DEVICE).setModel("hearth.light.lamp1").setFirmware("1.2.3")
                .setProtocolVersion(2).addSupportedVersions(2).setHeartbeatIntervalMs(1000)
                .setDeviceNonce(ByteString.copyFrom(DEVICE_NONCE));
    }

    /** A v1 device's Hello. */
    static Hello.Builder helloV1() {
        return Hello.newBuilder().setDeviceId(DEVICE).setModel("hearth.light.lamp1").setFirmware("1.2.3")
                .setProtocolVersion(1).setHeartbeatIntervalMs(1000);
    }

    /**
     * Plays a v2 device's side of the handshake with {@code key}: checks the gateway's proof (and
     * fails the test if it does not verify), proves, seals. Returns the gateway's answer.
     */
    LanMessage handshake(byte[] key) {
        Hello first = hello().build();
        deviceSends(LanMessage.newBuilder().setHello(first).build());
        Challenge challenge = gatewaySent().orElseThrow().getChallenge();
        LanTranscript t = LanTranscript.of(first, challenge.getVersion(), challenge.getNonce().toByteArray());
        if (!t.verifyGateway(KEY, challenge.getGatewayProof().toByteArray())) throw new AssertionError("the gateway's proof does not verify");
        deviceSends(LanMessage.newBuilder().setHello(hello().setProof(ByteString.copyFrom(t.deviceProof(key)))).build());
        deviceEnd = Optional.of(t.sessionKeys(key).deviceEnd());
        return gatewaySent().orElseThrow();
    }

    /** Plays a v1 device's handshake (HMAC over the nonce and id, nothing sealed). */
    LanMessage handshakeV1(byte[] key) {
        deviceSends(LanMessage.newBuilder().setHello(helloV1()).build());
        LanMessage challenge = gatewaySent().orElseThrow();
        byte[] nonce = challenge.getChallenge().getNonce().toByteArray();
        deviceSends(LanMessage.newBuilder().setHello(helloV1().setProof(ByteString.copyFrom(LanAuth.proof(key, nonce, DEVICE)))).build());
        return gatewaySent().orElseThrow();
    }

    void online() {
        LanMessage welcome = handshake(KEY);
        if (!welcome.hasWelcome()) throw new AssertionError("expected Welcome, got " + welcome);
    }

    /** Moves fake time forward and runs the timers that fell due (and the channel hops they made). */
    void advance(Duration d) {
        scheduler.advance(d);
        channels.forEach(EmbeddedChannel::runPendingTasks);
    }

    <T extends DeviceEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
