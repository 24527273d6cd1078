package dev.hearth.driver.nativeproto;

import dev.hearth.driver.api.CommandFailure;
import dev.hearth.driver.api.CommandOutcome;
import dev.hearth.driver.api.DeviceCommand;
import dev.hearth.driver.api.DeviceEvent;
import dev.hearth.driver.api.DeviceSession;
import dev.hearth.driver.api.DeviceSink;
import dev.hearth.driver.api.DiscoveredDevice;
import dev.hearth.driver.api.OfflineReason;
import dev.hearth.driver.api.Scheduler;
import dev.hearth.driver.api.value.Value;
import dev.hearth.protocols.lan.LanPipeline;
import dev.hearth.protocols.lan.LanSealCodec;
import dev.hearth.protocols.lan.v1.Command;
import dev.hearth.protocols.lan.v1.CommandResult;
import dev.hearth.protocols.lan.v1.Goodbye;
import dev.hearth.protocols.lan.v1.LanMessage;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One device's session: connects, reconnects with backoff (which starts again from its minimum
 * only after a link has stayed up for {@code native.healthyAfterMs}), numbers links, reports to
 * the sink and correlates commands. All state is confined to {@code loop} (the device's event loop);
 * public methods and timers hop onto it.
 */
final class NativeSession implements DeviceSession, LinkListener {
    private static final Logger log = LoggerFactory.getLogger(NativeSession.class);

    private final String deviceId;
    private final DeviceSink sink;
    private final LinkEnvironment env;
    private final Executor loop;
    private final Connector connector;
    private final CommandTranslator translator;
    private final PendingCommands pending;
    private final java.util.function.Consumer<NativeSession> released;

    private volatile boolean closed;
    private InetSocketAddress address;
    private Channel channel;
    private LinkHandler link;
    private boolean online;
    private boolean refused;
    private boolean rejectionLogged;
    private long linkNumber;
    private int attempt;
    private Scheduler.Cancellable reconnectTimer = () -> { };
    private Scheduler.Cancellable healthyTimer = () -> { };

    /** {@code released} runs once when the session is closed, so the driver can forget it. */
    NativeSession(DiscoveredDevice device, DeviceSink sink, LinkEnvironment env, Executor loop, Connector connector,
                  java.util.function.Consumer<NativeSession> released) {
        this.released = released;
        this.deviceId = device.deviceId();
        this.sink = sink;
        this.env = env;
        this.loop = loop;
        this.connector = connector;
        this.address = device.address();
        this.translator = new CommandTranslator(device.model(), env.models().find(device.model()));
        this.pending = new PendingCommands(env.options().maxInFlight(), env.scheduler(), loop);
    }

    /** Starts connecting in the background. */
    void start() {
        onLoop(this::connect);
    }

    @Override
    public String deviceId() {
        return deviceId;
    }

    @Override
    public CompletionStage<CommandOutcome> execute(DeviceCommand command, Duration timeout) {
        if (closed) return CompletableFuture.failedFuture(offline("the session is closed"));
        Command.Builder wire;
        try {
            wire = translator.translate(command);
        } catch (CommandFailure invalid) {
            return CompletableFuture.failedFuture(invalid);
        }
        CompletableFuture<CommandOutcome> result = new CompletableFuture<>();
        if (!onLoop(() -> send(wire, timeout, result))) result.completeExceptionally(offline("the driver is stopped"));
        return result;
    }

    private void send(Command.Builder wire, Duration timeout, CompletableFuture<CommandOutcome> result) {
        if (!online || link == null) {
            result.completeExceptionally(offline("device " + deviceId + " is offline"));
        } else if (pending.full()) {
            result.completeExceptionally(new CommandFailure(CommandFailure.Code.BUSY,
                    pending.size() + " commands already awaiting a result from " + deviceId));
        } else if (!link.writable()) {
            result.completeExceptionally(new CommandFailure(CommandFailure.Code.BUSY,
                    "device " + deviceId + " is not reading; its write buffer is full"));
        } else {
            LinkHandler sentOn = link;
            long frame = sentOn.nextFrame();
            Instant sentAt = env.clock().instant();
            long id = pending.register(result, timeout, (cid, t) -> timedOut(sentOn, frame, sentAt, t));
            link.send(LanMessage.newBuilder().setCommand(wire.setId(id)).build()).addListener(f -> {
                if (!f.isSuccess()) onLoop(() -> pending.fail(id, offline("could not send the command: connection lost")));
            });
        }
    }

    /**
     * Why a command on {@code sentOn} timed out. On a sealed link the device's frames carry an ack:
     * if it kept talking well after the command went out and still never acknowledged the command's
     * frame, the frame was dropped on the way, which only a relay does. That link is closed as tampered.
     */
    private CommandFailure timedOut(LinkHandler sentOn, long frame, Instant sentAt, Duration timeout) {
        Duration grace = timeout.dividedBy(2).compareTo(ACK_GRACE) < 0 ? timeout.dividedBy(2) : ACK_GRACE;
        Instant heard = sentOn.lastHeard();
        boolean lost = sentOn == link && sentOn.version() >= 2 && sentOn.acknowledged() <= frame
                && heard != null && heard.isAfter(sentAt.plus(grace));
        if (!lost) return PendingCommands.NO_RESULT.failure(0, timeout);
        String why = "the device kept talking but never received the command (frame " + frame + "; it acknowledges "
                + sentOn.acknowledged() + " frames): it was dropped on the way";
        env.counters().increment("tampered_frames", "command_lost");
        log.warn("device {}: {}; closing the session", deviceId, why);
        sentOn.closeWith(OfflineReason.CONNECTION_CLOSED, "session tampered: " + why);
        return new CommandFailure(CommandFailure.Code.DEVICE_TIMEOUT, "no result within " + timeout.toMillis()
                + " ms: session tampered: " + why + "; the session is closed");
    }

    private static final Duration ACK_GRACE = Duration.ofSeconds(1);

    @Override
    public void addressChanged(InetSocketAddress newAddress) {
        onLoop(() -> {
            if (closed || newAddress.equals(address)) return;
            log.info("device {} moved; reconnecting to its new address", deviceId);
            address = newAddress;
            attempt = 0;
            if (link != null) {
                link.closeWith(OfflineReason.CONNECTION_CLOSED, "device moved to a new address");
            } else if (channel == null && !refused) {
                reconnectTimer.cancel();
                connect();
            }
        });
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        released.accept(this);
        onLoop(() -> {
            reconnectTimer.cancel();
            pending.failAll(offline("the session is closed"));
            if (link != null) {
                link.sayGoodbye(Goodbye.Reason.REASON_UNSPECIFIED, "session closed");
            } else if (channel != null) {
                channel.close();
            }
        });
    }

    private void connect() {
        if (closed || refused) return;
        ChannelFuture f = connector.connect(address, new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                LanSealCodec seal = LanPipeline.install(ch.pipeline(), env.options().maxFrameBytes());
                ch.pipeline().addLast("link", new LinkHandler(deviceId, env, NativeSession.this, seal));
            }
        });
        channel = f.channel();
        f.addListener(done -> {
            if (!done.isSuccess()) {
                onLoop(() -> {
                    if (channel != f.channel()) return;
                    channel = null;
                    log.debug("device {}: cannot connect: {}", deviceId, done.cause() == null ? "cancelled" : done.cause().getMessage());
                    scheduleReconnect();
                });
            }
        });
    }

    private void scheduleReconnect() {
        if (closed || refused) return;
        Duration delay = env.backoff().delay(attempt++, env.jitter());
        reconnectTimer = env.scheduler().schedule(delay, () -> onLoop(() -> {
            if (channel == null) connect();
        }));
    }

    @Override
    public long online(Channel ch, LinkHandler handler, Optional<String> firmware) {
        link = handler;
        online = true;
        rejectionLogged = false;
        linkNumber++;
        // a device that is dropped soon after Welcome (flooding, malformed) keeps backing off
        healthyTimer.cancel();
        healthyTimer = env.scheduler().schedule(env.options().healthyAfter(), () -> onLoop(() -> {
            if (link == handler && online) attempt = 0;
        }));
        emit(new DeviceEvent.CameOnline(linkNumber, firmware, env.clock().instant()));
        return linkNumber;
    }

    @Override
    public void state(Map<String, Value> values) {
        if (!values.isEmpty()) emit(new DeviceEvent.StateReported(values, env.clock().instant()));
    }

    @Override
    public void event(String key, Map<String, Value> args) {
        emit(new DeviceEvent.EventTriggered(key, args, env.clock().instant()));
    }

    @Override
    public void commandResult(CommandResult result) {
        if (!pending.complete(result)) {
            log.debug("device {} answered command {}, which is no longer awaited", deviceId, result.getId());
        }
    }

    @Override
    public void refused(String reason) {
        refused = true;
        reconnectTimer.cancel();
        emit(new DeviceEvent.Refused(reason, env.clock().instant()));
    }

    @Override
    public void rejected(String detail) {
        // logged once until the device comes online: a relay, or a device with another key, must not flood the log
        if (!rejectionLogged) {
            rejectionLogged = true;
            log.warn("device {}: {}; reconnecting with backoff", deviceId, detail);
        }
        // not a refusal: this session keeps trying; the core changes nothing adopted for it
        emit(new DeviceEvent.Refused(detail, env.clock().instant(), true));
    }

    @Override
    public void closed(Channel ch, boolean wasOnline, OfflineReason reason, String detail) {
        if (ch != channel) return;
        channel = null;
        link = null;
        healthyTimer.cancel();
        if (wasOnline) {
            online = false;
            pending.failAll(offline("connection lost: " + detail));
            emit(new DeviceEvent.WentOffline(linkNumber, reason, detail, env.clock().instant()));
        } else {
            log.debug("device {}: connection closed before the handshake completed: {}", deviceId, detail);
        }
        scheduleReconnect();
    }

    private void emit(DeviceEvent event) {
        if (closed) return;
        try {
            sink.accept(event);
        } catch (RuntimeException e) {
            log.warn("the sink of device {} failed on {}", deviceId, event.getClass().getSimpleName(), e);
        }
    }

    private boolean onLoop(Runnable task) {
        try {
            loop.execute(task);
            return true;
        } catch (RejectedExecutionException stopped) {
            return false;
        }
    }

    private static CommandFailure offline(String why) {
        return new CommandFailure(CommandFailure.Code.DEVICE_OFFLINE, why);
    }
}
