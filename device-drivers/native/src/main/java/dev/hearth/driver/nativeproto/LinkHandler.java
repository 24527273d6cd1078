package dev.hearth.driver.nativeproto;

import dev.hearth.driver.api.DeviceSecret;
import dev.hearth.driver.api.OfflineReason;
import dev.hearth.driver.api.Scheduler;
import dev.hearth.protocols.lan.LanDecodeResult;
import dev.hearth.protocols.lan.LanSealCodec;
import dev.hearth.protocols.lan.v1.Goodbye;
import dev.hearth.protocols.lan.v1.Hello;
import dev.hearth.protocols.lan.v1.LanMessage;
import dev.hearth.protocols.lan.v1.Reject;
import dev.hearth.protocols.lan.v1.Welcome;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP connection to a native device, from the gateway's side: the handshake (Hello,
 * Challenge with the gateway's proof, Hello with the device's proof, Welcome or Reject; see
 * {@link GatewayHandshake}), then, sealed, the device's reports, events, heartbeats and command
 * results. Watches heartbeats, meters floods and turns bad or tampered input into a closed
 * connection with a reason. Runs on the channel's event loop; reports to its {@link LinkListener}.
 */
final class LinkHandler extends SimpleChannelInboundHandler<LanDecodeResult> {
    private static final Logger log = LoggerFactory.getLogger(LinkHandler.class);

    private enum Phase { AWAIT_HELLO, AWAIT_PROOF, ONLINE, CLOSING }

    private final String deviceId;
    private final LinkEnvironment env;
    private final LinkListener listener;
    private final FloodMeter flood;
    private final InboundDispatch dispatch;
    private final LanSealCodec seal;
    private final GatewayHandshake handshake;

    private ChannelHandlerContext ctx;
    private Phase phase = Phase.AWAIT_HELLO;
    private boolean online;
    private int version;
    private Duration heartbeatTimeout;
    private Instant lastTraffic;
    private Scheduler.Cancellable handshakeTimer = () -> { };
    private Scheduler.Cancellable heartbeatTimer = () -> { };
    private OfflineReason closeReason = OfflineReason.CONNECTION_CLOSED;
    private String closeDetail = "connection closed by the device";

    LinkHandler(String deviceId, LinkEnvironment env, LinkListener listener, LanSealCodec seal) {
        this.deviceId = deviceId;
        this.seal = seal;
        this.handshake = new GatewayHandshake(deviceId, env.options().allowInsecureV1(), env.nonces());
        this.env = env;
        this.listener = listener;
        this.flood = new FloodMeter(env.options().floodMessagesPerSecond(), env.options().floodStrikes());
        this.dispatch = new InboundDispatch(env.counters());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        Duration limit = env.options().handshakeTimeout();
        handshakeTimer = env.scheduler().schedule(limit, () -> onLoop(() -> {
            if (!online && phase != Phase.CLOSING) {
                env.counters().increment("handshake_failures", "timeout");
                closeWith(OfflineReason.CONNECTION_CLOSED, "no handshake within " + limit.toMillis() + " ms");
            }
        }));
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, LanDecodeResult result) {
        if (phase == Phase.CLOSING) return;
        Instant now = env.clock().instant();
        switch (flood.record(now)) {
            case PAUSE -> pauseReading(now);
            case DISCONNECT -> {
                env.counters().increment("flood_control", "disconnected");
                log.warn("device {} keeps sending more than {} messages/s; disconnecting", deviceId, flood.limit());
                closeWith(OfflineReason.CONNECTION_CLOSED, "flooding: more than " + flood.limit() + " messages/s");
                return;
            }
            case OK -> { }
        }
        if (result instanceof LanDecodeResult.Malformed bad && bad.reason().startsWith(LanSealCodec.TAMPERED)) {
            String reason = bad.reason().substring(LanSealCodec.TAMPERED.length());
            env.counters().increment("tampered_frames", reason.substring(1, reason.indexOf(')')).toLowerCase(java.util.Locale.ROOT));
            log.warn("device {}: a sealed frame was refused ({}); closing the session", deviceId, reason);
            closeWith(OfflineReason.CONNECTION_CLOSED, "session tampered: " + reason);
            return;
        }
        if (result instanceof LanDecodeResult.Malformed bad) {
            env.counters().increment("malformed_frames", MalformedReasons.label(bad.reason()));
            log.warn("device {} sent a malformed frame ({}); closing the connection", deviceId, bad.reason());
            closeWith(OfflineReason.CONNECTION_CLOSED, MalformedReasons.detail(bad.reason()));
            return;
        }
        LanMessage message = ((LanDecodeResult.Decoded) result).message();
        lastTraffic = now;
        switch (phase) {
            case AWAIT_HELLO -> firstHello(message);
            case AWAIT_PROOF -> provenHello(message);
            case ONLINE -> onlineMessage(message);
            default -> { }
        }
    }

    private void firstHello(LanMessage message) {
        if (!message.hasHello()) {
            protocolError("expected Hello, got " + message.getBodyCase());
            return;
        }
        Hello hello = message.getHello();
        if (!hello.getDeviceId().equals(deviceId)) {
            env.counters().increment("handshake_failures", "wrong_device");
            reject(Reject.Reason.PROTOCOL_ERROR, "this connection expects device " + deviceId);
            closeWith(OfflineReason.CONNECTION_CLOSED, "a different device (" + hello.getDeviceId() + ") answered at this address");
            return;
        }
        Optional<DeviceSecret> secret = env.secrets().deviceSecret(deviceId);
        GatewayHandshake.Step step = handshake.hello(hello, secret);
        if (step instanceof GatewayHandshake.Step.Refuse r) {
            refuse(r.reason(), r.label(), r.detail());
            return;
        }
        phase = Phase.AWAIT_PROOF;
        ctx.writeAndFlush(LanMessage.newBuilder().setChallenge(((GatewayHandshake.Step.Challenge) step).challenge()).build());
    }

    private void provenHello(LanMessage message) {
        if (message.hasReject()) {
            // A Reject is plaintext and proves nothing: the device sent it (its key differs from ours), or a relay
            // did. So it ends this connection as a cut would and changes nothing else: no refusal, the session
            // reconnects with backoff (make-before-break).
            rejectedByPeer(message.getReject());
            return;
        }
        if (!message.hasHello() || !message.getHello().getDeviceId().equals(deviceId)) {
            protocolError("expected Hello with proof from " + deviceId + ", got " + message.getBodyCase());
            return;
        }
        GatewayHandshake.Step step = handshake.proof(message.getHello());
        if (step instanceof GatewayHandshake.Step.Refuse r) {
            refuse(r.reason(), r.label(), r.detail());
            return;
        }
        GatewayHandshake.Step.Online proven = (GatewayHandshake.Step.Online) step;
        Hello hello = proven.hello();
        version = proven.version();
        if (proven.sealing().isPresent()) {
            seal.sealNow(proven.sealing().get());
        } else {
            env.counters().increment("insecure_sessions", "v1");
            log.warn("device {} speaks the insecure protocol v1 (accepted because devices.allowInsecureV1 is true): "
                    + "its frames are not sealed, and a relay can read, change or forge them", deviceId);
        }
        handshakeTimer.cancel();
        phase = Phase.ONLINE;
        online = true;
        long interval = hello.getHeartbeatIntervalMs() > 0 ? hello.getHeartbeatIntervalMs() : env.options().defaultHeartbeat().toMillis();
        heartbeatTimeout = Duration.ofMillis(interval).multipliedBy(env.heartbeatMisses());
        Optional<String> firmware = hello.getFirmware().isBlank() ? Optional.empty() : Optional.of(hello.getFirmware());
        long link = listener.online(ctx.channel(), this, firmware);
        ctx.writeAndFlush(LanMessage.newBuilder().setWelcome(Welcome.newBuilder()
                .setGatewayId(env.options().gatewayId()).setSession(link)).build());
        watchHeartbeat(heartbeatTimeout);
    }

    private void onlineMessage(LanMessage message) {
        switch (message.getBodyCase()) {
            case PROPERTY_REPORT -> listener.state(dispatch.state(message.getPropertyReport()));
            case EVENT -> {
                var e = message.getEvent();
                listener.event(e.getSiid() + "." + e.getEiid(), dispatch.args(e.getArgsMap()));
            }
            case COMMAND_RESULT -> listener.commandResult(message.getCommandResult());
            case HEARTBEAT -> { }
            case GOODBYE -> {
                Goodbye bye = message.getGoodbye();
                if (bye.getReason() == Goodbye.Reason.TAMPERED) {
                    env.counters().increment("tampered_frames", "refused_by_device");
                    log.warn("device {} refused a frame from the gateway ({}); closing the session", deviceId, bye.getMessage());
                    closeWith(OfflineReason.CONNECTION_CLOSED, "session tampered: the device refused a frame from the gateway: "
                            + bye.getMessage());
                    return;
                }
                String said = bye.getReason().name() + (bye.getMessage().isBlank() ? "" : " (" + bye.getMessage() + ")");
                closeWith(OfflineReason.CONNECTION_CLOSED, "device said goodbye: " + said);
            }
            default -> protocolError("unexpected " + message.getBodyCase() + " after the handshake");
        }
    }

    private void watchHeartbeat(Duration delay) {
        heartbeatTimer = env.scheduler().schedule(delay, () -> onLoop(this::checkHeartbeat));
    }

    private void checkHeartbeat() {
        if (phase != Phase.ONLINE) return;
        if (!ctx.channel().config().isAutoRead()) {
            // we stopped reading (flood control): the device's heartbeats wait in our socket, not its fault
            watchHeartbeat(heartbeatTimeout);
            return;
        }
        Duration silent = Duration.between(lastTraffic, env.clock().instant());
        if (silent.compareTo(heartbeatTimeout) >= 0) {
            closeWith(OfflineReason.HEARTBEAT_TIMEOUT, "nothing heard for " + silent.toMillis() + " ms ("
                    + env.heartbeatMisses() + " heartbeat intervals)");
        } else {
            watchHeartbeat(heartbeatTimeout.minus(silent));
        }
    }

    private void pauseReading(Instant now) {
        if (!ctx.channel().config().isAutoRead()) return;
        env.counters().increment("flood_control", "paused");
        log.info("device {} sends more than {} messages/s; pausing reads", deviceId, flood.limit());
        ctx.channel().config().setAutoRead(false);
        env.scheduler().schedule(flood.pauseAt(now), () -> onLoop(() -> {
            if (phase == Phase.CLOSING) return;
            lastTraffic = env.clock().instant();
            ctx.channel().config().setAutoRead(true);
        }));
    }

    private void refuse(Reject.Reason reason, String counterReason, String detail) {
        env.counters().increment("refused_devices", counterReason);
        log.warn("device {} refused: {}", deviceId, detail);
        listener.refused(detail);
        reject(reason, detail);
        closeWith(OfflineReason.CONNECTION_CLOSED, "refused: " + detail);
    }

    private void rejectedByPeer(Reject reject) {
        String detail = "handshake rejected (" + reject.getReason() + "): the device does not accept the gateway's proof "
                + "(its key differs), or something between them sent this unauthenticated Reject";
        env.counters().increment("handshake_failures", "rejected_by_device");
        listener.rejected(detail);
        closeWith(OfflineReason.CONNECTION_CLOSED, detail);
    }

    private void reject(Reject.Reason reason, String message) {
        ctx.writeAndFlush(LanMessage.newBuilder().setReject(Reject.newBuilder().setReason(reason).setMessage(message)).build());
    }

    private void protocolError(String detail) {
        env.counters().increment("protocol_errors", phase == Phase.ONLINE ? "unexpected_message" : "handshake");
        log.warn("device {}: protocol error: {}; closing the connection", deviceId, detail);
        if (!online) reject(Reject.Reason.PROTOCOL_ERROR, detail);
        closeWith(OfflineReason.CONNECTION_CLOSED, "protocol error: " + detail);
    }

    /** Closes this connection; the listener hears {@code reason} and {@code detail} once it is closed. */
    void closeWith(OfflineReason reason, String detail) {
        if (phase == Phase.CLOSING) return;
        phase = Phase.CLOSING;
        closeReason = reason;
        closeDetail = detail;
        // flush what is queued (a Reject, a Goodbye) before closing
        ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    /** Says goodbye to the device and closes: the session is ending, not the link failing. */
    void sayGoodbye(Goodbye.Reason reason, String message) {
        if (phase == Phase.CLOSING || ctx == null) return;
        if (online) {
            ctx.write(LanMessage.newBuilder().setGoodbye(Goodbye.newBuilder().setReason(reason).setMessage(message)).build());
        }
        closeWith(OfflineReason.GATEWAY_STOPPING, "session closed by the gateway");
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        handshakeTimer.cancel();
        heartbeatTimer.cancel();
        phase = Phase.CLOSING;
        listener.closed(ctx.channel(), online, closeReason, closeDetail);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("device {}: connection error", deviceId, cause);
        closeWith(OfflineReason.CONNECTION_CLOSED, "connection error: " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
    }

    private void onLoop(Runnable task) {
        if (ctx == null) return;
        try {
            ctx.channel().eventLoop().execute(task);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            log.debug("event loop stopped; dropping a timer for device {}", deviceId);
        }
    }

    /** Used by tests to bound what they wait for. */
    boolean isOnline() {
        return online && phase == Phase.ONLINE;
    }

    /** For {@link NativeSession}: whether the device is reading our writes fast enough. */
    boolean writable() {
        return ctx != null && ctx.channel().isWritable();
    }

    /** The protocol version of this link once online (1 or 2). */
    int version() {
        return version;
    }

    /** The counter the next sealed frame we send gets (0 on an unsealed link). */
    long nextFrame() {
        return seal.sealedCount();
    }

    /** How many of our sealed frames the device says it has opened. */
    long acknowledged() {
        return seal.peerAck();
    }

    /** When the device's last frame arrived. */
    Instant lastHeard() {
        return lastTraffic;
    }

    /** Sends a message on this connection. */
    io.netty.channel.ChannelFuture send(LanMessage message) {
        return ctx.writeAndFlush(message);
    }

    @Override
    public String toString() {
        return "LinkHandler[" + deviceId + ", " + phase + "]";
    }
}
