package dev.hearth.simulator.nativedev;

import com.google.protobuf.ByteString;
import dev.hearth.driver.api.Scheduler;
import dev.hearth.protocols.lan.LanAuth;
import dev.hearth.protocols.lan.LanDecodeResult;
import dev.hearth.protocols.lan.v1.Goodbye;
import dev.hearth.protocols.lan.v1.Heartbeat;
import dev.hearth.protocols.lan.v1.Hello;
import dev.hearth.protocols.lan.v1.LanMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One gateway connection to a simulated device, from the device's side: says Hello, answers the
 * Challenge with its proof, then heartbeats and hands commands to its {@link SimulatedDevice}.
 * Runs on the device's event loop.
 */
final class DeviceLink extends SimpleChannelInboundHandler<LanDecodeResult> {
    private static final Logger log = LoggerFactory.getLogger(DeviceLink.class);

    private final SimulatedDevice device;
    private ChannelHandlerContext ctx;
    private boolean welcomed;
    private long seq;
    private Scheduler.Cancellable heartbeat = () -> { };

    DeviceLink(SimulatedDevice device) {
        this.device = device;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (!device.accepting()) {
            ctx.close();
            return;
        }
        send(LanMessage.newBuilder().setHello(hello()).build());
        ctx.fireChannelActive();
    }

    private Hello.Builder hello() {
        SimulatedDeviceConfig c = device.config();
        return Hello.newBuilder().setDeviceId(c.deviceId()).setModel(c.model().model()).setFirmware(c.firmware())
                .setProtocolVersion(1).setHeartbeatIntervalMs(Math.toIntExact(c.heartbeatInterval().toMillis()));
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, LanDecodeResult result) {
        if (result instanceof LanDecodeResult.Malformed bad) {
            log.warn("simulated device {} got a malformed frame from the gateway: {}", device.config().deviceId(), bad.reason());
            ctx.close();
            return;
        }
        LanMessage m = ((LanDecodeResult.Decoded) result).message();
        switch (m.getBodyCase()) {
            case CHALLENGE -> {
                byte[] key = device.fault() instanceof Fault.WrongKey ? device.wrongKey() : device.config().key().bytes();
                byte[] proof = LanAuth.proof(key, m.getChallenge().getNonce().toByteArray(), device.config().deviceId());
                reply(LanMessage.newBuilder().setHello(hello().setProof(ByteString.copyFrom(proof))).build());
            }
            case WELCOME -> {
                welcomed = true;
                device.linkUp(this, m.getWelcome().getSession());
                scheduleHeartbeat();
            }
            case REJECT -> {
                device.rejected(m.getReject().getReason().name() + ": " + m.getReject().getMessage());
                ctx.close();
            }
            case COMMAND -> {
                if (welcomed) device.command(this, m.getCommand());
            }
            case GOODBYE -> ctx.close();
            default -> log.debug("simulated device {} ignores {}", device.config().deviceId(), m.getBodyCase());
        }
    }

    private void scheduleHeartbeat() {
        Duration every = device.config().heartbeatInterval();
        heartbeat = device.scheduler().schedule(every, () -> device.onLoop(() -> {
            if (!ctx.channel().isActive()) return;
            if (!(device.fault() instanceof Fault.Silent)) {
                send(LanMessage.newBuilder().setHeartbeat(Heartbeat.newBuilder()
                        .setSeq(++seq).setDeviceTimeMs(device.clock().millis())).build());
            }
            scheduleHeartbeat();
        }));
    }

    boolean welcomed() {
        return welcomed;
    }

    long nextSeq() {
        return ++seq;
    }

    void send(LanMessage message) {
        ctx.writeAndFlush(message);
    }

    /** Sends a reply, late when the device is SLOW. */
    void reply(LanMessage message) {
        Optional<Duration> delay = device.fault() instanceof Fault.Slow slow ? Optional.of(slow.delay()) : Optional.empty();
        if (delay.isEmpty()) {
            send(message);
        } else {
            device.scheduler().schedule(delay.get(), () -> device.onLoop(() -> {
                if (ctx.channel().isActive()) send(message);
            }));
        }
    }

    /** Writes raw bytes, bypassing the frame encoder (garbage and oversized frames). */
    void sendRaw(ByteBuf bytes) {
        ctx.writeAndFlush(bytes);
    }

    void goodbye(Goodbye.Reason reason) {
        if (welcomed) ctx.write(LanMessage.newBuilder().setGoodbye(Goodbye.newBuilder().setReason(reason)).build());
        ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    void close() {
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        heartbeat.cancel();
        device.linkDown(this);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("simulated device {}: connection error", device.config().deviceId(), cause);
        ctx.close();
    }
}
