package dev.hearth.simulator.miio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.protocols.miio.MiioCipher;
import dev.hearth.protocols.miio.MiioDecodeResult;
import dev.hearth.protocols.miio.MiioHeader;
import dev.hearth.protocols.miio.MiioPacketCodec;
import dev.hearth.protocols.miio.MiioRpcCodec;
import dev.hearth.protocols.miio.MiioRpcMessage;
import dev.hearth.protocols.miio.MiioToken;
import dev.hearth.simulator.mdns.MdnsAdvertiser;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One simulated miIO device speaking the real protocol over UDP on its own address (port 54321
 * like real ones). Like a real device it answers hellos with its id and stamp and the token field
 * zeroed, silently ignores packets whose checksum does not match its token, and ignores requests
 * stamped far behind its clock. Created by {@link MiioFleet} or {@link #start}.
 */
public final class SimulatedMiioDevice implements Closeable {
    /** How far behind the device's clock a request's stamp may be before it is ignored. */
    private static final long STAMP_TOLERANCE_SECONDS = 60;
    /** How far off the device's clock a request's stamp may be under {@link MiioFaults#strictStamps}. */
    private static final long STRICT_STAMP_SECONDS = 5;
    private static final byte[] HELLO = MiioPacketCodec.hello();

    private final MiioDeviceKind kind;
    private final long deviceId;
    private final MiioToken token;
    private final InetSocketAddress address;
    private final MiioFaults faults;
    private final MiioBehaviour behaviour;
    private final Clock clock;
    /** Stamps count from here; moved by a restart fault. Read and written on the socket's event loop. */
    private long bootSecond;
    private long restartsSeen;
    /** The ids of the last requests, oldest first, when the device remembers ids; event loop only. */
    private final java.util.ArrayDeque<Integer> recentIds = new java.util.ArrayDeque<>();
    private final java.util.Set<Integer> recentIdSet = new java.util.HashSet<>();
    private final AtomicLong repeatsDropped = new AtomicLong();
    private final MiioPacketCodec codec = new MiioPacketCodec(MiioPacketCodec.MAX_WIRE_LENGTH);
    /** The token's engines, made once: used only on the socket's event-loop thread. */
    private final MiioCipher cipher;
    private final MiioRpcCodec rpc = new MiioRpcCodec();
    /**
     * Decides which packets a lossy device drops; seeded, so a given sequence of packets meets the
     * same losses in every run. Used only on the socket's event-loop thread.
     */
    private final SplittableRandom lossDice = new SplittableRandom(54321);
    private final AtomicLong ignored = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong encrypted = new AtomicLong();
    private final Channel channel;
    private volatile Optional<MdnsAdvertiser> mdns = Optional.empty();

    private SimulatedMiioDevice(MiioDeviceKind kind, long deviceId, MiioToken token, InetSocketAddress address,
                                MiioFaults faults, DatagramLoop loop, Clock clock) {
        this.kind = kind;
        this.deviceId = deviceId;
        this.token = token;
        this.cipher = MiioCipher.of(token);
        this.faults = faults;
        this.behaviour = kind.newBehaviour();
        this.clock = clock;
        // stamps count seconds since "boot"; start at an arbitrary non-zero uptime
        this.bootSecond = clock.instant().getEpochSecond() - 1000 - (deviceId % 1000);
        this.channel = new Bootstrap().group(loop.group()).channel(loop.channelType())
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MiioPacketCodec.MAX_WIRE_LENGTH + 1))
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
                        receive(p.sender(), ByteBufUtil.getBytes(p.content()));
                    }
                })
                .bind(address).syncUninterruptibly().channel();
        this.address = (InetSocketAddress) channel.localAddress();
    }

    /**
     * Starts a device on {@code address} (port 0 picks a free one; real clients need 54321), on
     * {@code group}'s threads. {@code deviceId} is a non-zero unsigned 32-bit value.
     */
    public static SimulatedMiioDevice start(MiioDeviceKind kind, long deviceId, MiioToken token, InetSocketAddress address,
                                            MiioFaults faults, DatagramLoop loop, Clock clock) {
        if (deviceId <= 0 || deviceId > 0xffff_ffffL) throw new IllegalArgumentException("device id out of range: " + deviceId);
        return new SimulatedMiioDevice(kind, deviceId, token, address, faults, loop, clock);
    }

    /**
     * Announces the device by mDNS on its own address as real devices do:
     * {@code <model with dashes>_miio<did>} of {@code _miio._udp.local.}, TXT {@code epoch}, {@code mac}.
     * jmdns joins the multicast group on the interface holding the device's address, so the
     * address must be assigned (inside a namespace: {@code ip addr add 127.0.0.x/32 dev lo}).
     */
    public void announce() throws IOException {
        MdnsAdvertiser a;
        try {
            a = MdnsAdvertiser.on(address.getAddress(), instanceName());
        } catch (java.net.SocketException e) {
            String ip = address.getAddress().getHostAddress();
            throw new IOException("cannot announce on " + ip + ": mDNS needs the address on an interface"
                    + " (inside the network namespace: ip addr add " + ip + "/32 dev lo)", e);
        }
        a.announce("_miio._udp.local.", instanceName(), address.getPort(), Map.of("epoch", "1", "mac", mac().replace(":", "")));
        mdns = Optional.of(a);
    }

    public MiioDeviceKind kind() { return kind; }

    public String model() { return kind.model(); }

    public long deviceId() { return deviceId; }

    /** The id the gateway gives this device, also its key in the secrets file: {@code miio-<did>}. */
    public String gatewayDeviceId() { return "miio-" + deviceId; }

    public MiioToken token() { return token; }

    public InetSocketAddress address() { return address; }

    public MiioFaults faults() { return faults; }

    public String instanceName() { return kind.model().replace('.', '-') + "_miio" + deviceId; }

    /** A snapshot of the device's state (legacy names, or {@code "siid.piid"} for MIoT). */
    public Map<String, JsonNode> state() { return behaviour.state(); }

    /**
     * Changes a value as someone at the device would (its button, its own app), on the device's
     * I/O thread: legacy names for the fan ({@code "power"}), {@code "siid.piid"} for the plug.
     */
    public void change(String key, JsonNode value) {
        channel.eventLoop().submit(() -> behaviour.change(key, value)).syncUninterruptibly();
    }

    /** Packets other than hellos received, whatever came of them (even while silent): requests a client encrypted. */
    public long encryptedPacketsReceived() { return encrypted.get(); }

    /** Packets ignored (bad checksum, malformed, stale stamp, dropped by a fault). */
    public long ignoredPackets() { return ignored.get(); }

    /** Requests dropped because their id repeated one the device remembered ({@link MiioFaults#rememberIds}). */
    public long repeatedIdsDropped() { return repeatsDropped.get(); }

    /** Requests answered (hellos included). */
    public long answeredPackets() { return answered.get(); }

    private long stamp() {
        return (Math.floorDiv(clock.millis(), 1000) - bootSecond + faults.stampShiftSeconds()) & 0xffff_ffffL;
    }

    private String mac() {
        return String.format("64:90:C1:%02X:%02X:%02X", (deviceId >> 16) & 0xff, (deviceId >> 8) & 0xff, deviceId & 0xff);
    }

    private void receive(InetSocketAddress from, byte[] packet) {
        if (!Arrays.equals(packet, HELLO)) encrypted.incrementAndGet();
        int loss = faults.lossPercent();
        if (faults.silent() || (loss > 0 && lossDice.nextInt(100) < loss)) {
            ignored.incrementAndGet();
            return;
        }
        noticeRestart();
        MiioDecodeResult r = codec.decode(packet, cipher);
        long stamp = stamp();
        long did = faults.answerAs() != 0 ? faults.answerAs() : deviceId;
        if (r instanceof MiioDecodeResult.Hello) {
            reply(from, MiioPacketCodec.helloReply(did, stamp));
        } else if (r instanceof MiioDecodeResult.Message m && rpc.parse(m.json()) instanceof MiioRpcMessage.Request req
                && stampAccepted(m.header().stamp(), stamp)) {
            if (repeats(req.id())) {
                repeatsDropped.incrementAndGet();
                ignored.incrementAndGet();
                return;
            }
            MiioRpcMessage.Reply answer = req.method().equals("miIO.info") ? new MiioRpcMessage.Result(req.id(), info())
                    : behaviour.handle(req);
            reply(from, codec.encode(MiioHeader.of(did, stamp), wire(req, answer), cipher));
        } else {
            // a real device says nothing to a packet it cannot authenticate or parse
            ignored.incrementAndGet();
        }
    }

    /** A restart fault was set since the last packet: stamps start over and the remembered ids are gone. */
    private void noticeRestart() {
        long restarts = faults.restarts();
        if (restarts == restartsSeen) return;
        restartsSeen = restarts;
        bootSecond = Math.floorDiv(clock.millis(), 1000) - 1 - faults.stampShiftSeconds();
        recentIds.clear();
        recentIdSet.clear();
    }

    private boolean stampAccepted(long requestStamp, long deviceStamp) {
        if (faults.strictStamps()) return Math.abs(requestStamp - deviceStamp) <= STRICT_STAMP_SECONDS;
        return requestStamp + STAMP_TOLERANCE_SECONDS >= deviceStamp;
    }

    /** Whether {@code id} is one the device remembers; remembers it otherwise. */
    private boolean repeats(int id) {
        int keep = faults.rememberedIds();
        if (keep == 0) return false;
        if (recentIdSet.contains(id)) return true;
        recentIds.addLast(id);
        recentIdSet.add(id);
        while (recentIds.size() > keep) recentIdSet.remove(recentIds.removeFirst());
        return false;
    }

    /** The reply as this device's firmware would write it (see the wire faults of {@link MiioFaults}). */
    private byte[] wire(MiioRpcMessage.Request req, MiioRpcMessage.Reply answer) {
        ObjectNode o = MiioBehaviour.NODES.objectNode();
        if (answer instanceof MiioRpcMessage.Result res) {
            boolean isSet = req.method().startsWith("set_");
            // a bare 0 says every property was set: a reply with a failed property keeps its list
            boolean allSet = true;
            for (JsonNode entry : res.result()) allSet &= !entry.isObject() || entry.path("code").asInt(-1) == 0;
            if (isSet && allSet && faults.scalarSetReplies()) {
                o.put("id", req.id()).put("result", 0);
            } else if (faults.repliesWithoutResult() && res.result().isObject()) {
                o.put("id", req.id()).setAll((ObjectNode) res.result());
            } else {
                return rpc.encode(answer);
            }
        } else if (answer instanceof MiioRpcMessage.Failure f && faults.errorsUnderError()) {
            o.put("id", req.id()).putObject("error").put("code", f.code()).put("error", f.message());
        } else {
            return rpc.encode(answer);
        }
        return o.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private void reply(InetSocketAddress to, byte[] packet) {
        answered.incrementAndGet();
        long delay = faults.delay().toNanos();
        Runnable send = () -> channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(packet), to));
        if (delay == 0) {
            send.run();
        } else {
            channel.eventLoop().schedule(send, delay, TimeUnit.NANOSECONDS);
        }
    }

    /** What real devices answer to {@code miIO.info}, token included (real firmware sends it). */
    private JsonNode info() {
        ObjectNode o = MiioBehaviour.NODES.objectNode();
        o.put("life", stamp()).put("cfg_time", 0).put("token", token.toHex()).put("fw_ver", kind == MiioDeviceKind.LEGACY_FAN ? "2.1.8_0135" : "1.0.2_0021")
                .put("hw_ver", kind == MiioDeviceKind.LEGACY_FAN ? "esp32" : "MW300").put("model", kind.model())
                .put("mac", mac()).put("uid", 0).put("wifi_fw_ver", "SD878x-14.76.36.p84-702.1.0-WM").put("mmfree", 30000);
        o.putObject("ap").put("ssid", "hearth-sim").put("bssid", "02:00:00:00:00:01").put("rssi", -48).put("primary", 6);
        o.putObject("netif").put("localIp", address.getAddress().getHostAddress()).put("mask", "255.0.0.0").put("gw", "127.0.0.1");
        o.putObject("ot").put("status", "local");
        return o;
    }

    /** Withdraws the mDNS announcement (if any) and closes the socket. */
    @Override
    public void close() throws IOException {
        try {
            if (mdns.isPresent()) mdns.get().close();
        } finally {
            channel.close().syncUninterruptibly();
        }
    }

    @Override
    public String toString() {
        return "SimulatedMiioDevice[" + instanceName() + " at " + address + "]";
    }
}
