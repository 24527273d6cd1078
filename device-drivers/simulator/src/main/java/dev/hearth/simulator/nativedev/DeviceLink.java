package dev.hearth.simulator.nativedev;

import com.google.protobuf.ByteString;
import dev.hearth.driver.api.Scheduler;
import dev.hearth.protocols.lan.LanAuth;
import dev.hearth.protocols.lan.LanDecodeResult;
import dev.hearth.protocols.lan.LanFrame;
import dev.hearth.protocols.lan.LanSealCodec;
import dev.hearth.protocols.lan.LanTranscript;
import dev.hearth.protocols.lan.v1.Challenge;
import dev.hearth.protocols.lan.v1.Goodbye;
import dev.hearth.protocols.lan.v1.Heartbeat;
import dev.hearth.protocols.lan.v1.Hello;
import dev.hearth.protocols.lan.v1.LanMessage;
import dev.hearth.protocols.lan.v1.Reject;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One gateway connection to a simulated device, from the device's side: says Hello, answers the
 * Challenge with its proof, then heartbeats and hands commands to its {@link SimulatedDevice}.
 * Speaking v2 (the default), it checks the gateway's proof before proving anything itself and
 * seals everything after its proof; speaking v1, it is the old, insecure device. Runs on the
 * device's event loop.
 */
final class DeviceLink extends SimpleChannelInboundHandler<LanDecodeResult> {
    private static final Logger log = LoggerFactory.getLogger(DeviceLink.class);

    private final SimulatedDevice device;
    private final LanSealCodec seal;
    private final Hello firstHello;
    private ChannelHandlerContext ctx;
    private boolean welcomed;
    private boolean closing;
    private long seq;
    private Scheduler.Cancellable heartbeat = () -> { };

    DeviceLink(SimulatedDevice device, LanSealCodec seal) {
        this.device = device;
        this.seal = seal;
        Hello.Builder hello = hello();
        if (device.config().protocolVersion() >= 2) {
            hello.setProtocolVersion(2).addSupportedVersions(2).setDeviceNonce(ByteString.copyFrom(device.newNonce()));
        }
        this.firstHello = hello.build();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (!device.accepting()) {
            ctx.close();
            return;
        }
        send(LanMessage.newBuilder().setHello(firstHello).build());
        ctx.fireChannelActive();
    }

    private Hello.Builder hello() {
        SimulatedDeviceConfig c = device.config();
        return Hello.newBuilder().setDeviceId(c.deviceId()).setModel(c.model().model()).setFirmware(c.firmware())
                .setProtocolVersion(1).setHeartbeatIntervalMs(Math.toIntExact(c.heartbeatInterval().toMillis()));
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, LanDecodeResult result) {
        if (closing) return;
        if (result instanceof LanDecodeResult.Malformed bad && bad.reason().startsWith(LanSealCodec.TAMPERED) && seal.sealed()) {
            // say why, sealed: a relay can drop this Goodbye but cannot forge one
            closing = true;
            device.tampered(bad.reason());
            ctx.writeAndFlush(LanMessage.newBuilder().setGoodbye(Goodbye.newBuilder().setReason(Goodbye.Reason.TAMPERED)
                    .setMessage(bad.reason())).build()).addListener(io.netty.channel.ChannelFutureListener.CLOSE);
            return;
        }
        if (result instanceof LanDecodeResult.Malformed bad) {
            log.warn("simulated device {} got a malformed frame from the gateway: {}", device.config().deviceId(), bad.reason());
            ctx.close();
            return;
        }
        LanMessage m = ((LanDecodeResult.Decoded) result).message();
        switch (m.getBodyCase()) {
            case CHALLENGE -> {
                if (device.config().protocolVersion() >= 2) {
                    answerV2(m.getChallenge());
                } else {
                    byte[] key = device.fault() instanceof Fault.WrongKey ? device.wrongKey() : device.config().key().bytes();
                    byte[] proof = LanAuth.proof(key, m.getChallenge().getNonce().toByteArray(), device.config().deviceId());
                    reply(LanMessage.newBuilder().setHello(hello().setProof(ByteString.copyFrom(proof))).build(), () -> { });
                }
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

    /**
     * Checks the gateway's proof first: a party that cannot prove the key learns nothing, not even a
     * proof to relay. A WRONG_KEY device is a broken one: it skips the check and proves with its wrong key.
     */
    private void answerV2(Challenge challenge) {
        boolean wrongKey = device.fault() instanceof Fault.WrongKey;
        byte[] key = wrongKey ? device.wrongKey() : device.config().key().bytes();
        if (challenge.getVersion() != 2 || challenge.getNonce().size() != LanTranscript.NONCE_BYTES) {
            refuseGateway("the gateway offers protocol version " + challenge.getVersion() + "; this device speaks only 2");
            return;
        }
        LanTranscript transcript = LanTranscript.of(firstHello, 2, challenge.getNonce().toByteArray());
        if (!wrongKey && !transcript.verifyGateway(key, challenge.getGatewayProof().toByteArray())) {
            refuseGateway("the gateway's proof does not verify: it does not hold this device's key, or the handshake was changed");
            return;
        }
        LanMessage proof = LanMessage.newBuilder().setHello(firstHello.toBuilder()
                .setProof(ByteString.copyFrom(transcript.deviceProof(key)))).build();
        reply(proof, () -> seal.sealAwaitingWelcome(transcript.sessionKeys(key).deviceEnd()));
    }

    private void refuseGateway(String why) {
        device.refusedGateway(why);
        ctx.writeAndFlush(LanMessage.newBuilder().setReject(Reject.newBuilder()
                .setReason(Reject.Reason.GATEWAY_NOT_AUTHENTICATED).setMessage(why)).build())
                .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
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

    /** Sends a reply, late when the device is SLOW; {@code afterSend} runs right after it is written. */
    void reply(LanMessage message, Runnable afterSend) {
        Optional<Duration> delay = device.fault() instanceof Fault.Slow slow ? Optional.of(slow.delay()) : Optional.empty();
        if (delay.isEmpty()) {
            send(message);
            afterSend.run();
        } else {
            device.scheduler().schedule(delay.get(), () -> device.onLoop(() -> {
                if (!ctx.channel().isActive()) return;
                send(message);
                afterSend.run();
            }));
        }
    }

    void reply(LanMessage message) {
        reply(message, () -> { });
    }

    /** Sends {@code body} as one frame that is not a LanMessage: sealed like any other frame on a v2 link. */
    void sendBody(byte[] body) {
        ctx.writeAndFlush(new LanFrame(body));
    }

    /**
     * Says Goodbye and leaves the closing to the gateway, which closes on Goodbye: the side that
     * closes first keeps the port in TIME_WAIT, and a restarting device must be able to bind it again.
     */
    io.netty.channel.ChannelFuture goodbye(Goodbye.Reason reason) {
        if (welcomed) {
            ctx.writeAndFlush(LanMessage.newBuilder().setGoodbye(Goodbye.newBuilder().setReason(reason)).build());
        } else {
            ctx.close();
        }
        return ctx.channel().closeFuture();
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
