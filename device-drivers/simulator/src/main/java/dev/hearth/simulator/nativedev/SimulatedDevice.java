package dev.hearth.simulator.nativedev;

import dev.hearth.driver.api.DeviceSecret;
import dev.hearth.driver.api.Scheduler;
import dev.hearth.driver.api.model.DeviceModel;
import dev.hearth.driver.api.value.Value;
import dev.hearth.protocols.lan.LanPipeline;
import dev.hearth.protocols.lan.LanSealCodec;
import dev.hearth.protocols.lan.LanTranscript;
import dev.hearth.protocols.lan.LanValues;
import dev.hearth.protocols.lan.v1.Command;
import dev.hearth.protocols.lan.v1.CommandResult;
import dev.hearth.protocols.lan.v1.Goodbye;
import dev.hearth.protocols.lan.v1.ItemResult;
import dev.hearth.protocols.lan.v1.LanMessage;
import dev.hearth.protocols.lan.v1.PropertyValue;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A native device played for real: a TCP server on its own address and port that speaks
 * lan.proto (Hello, proof, reports, events, heartbeats, command results, Goodbye), driven by its
 * model file, with faults that can be switched at run time. All its work runs on one event loop
 * of its {@link SimulatorRuntime}; public methods may be called from any thread.
 */
public final class SimulatedDevice implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SimulatedDevice.class);
    /** The mDNS service type native devices announce. */
    public static final String SERVICE_TYPE = "_hearth._tcp.local.";

    private final SimulatedDeviceConfig config;
    private final SimulatorRuntime runtime;
    private final EventLoop loop;
    private final DeviceState state;
    private final KindBehaviour behaviour;
    private final FaultPlayer faults;
    private final Set<DeviceLink> links = ConcurrentHashMap.newKeySet();
    /**
     * Every accepted connection, welcomed or still in its handshake (a channel leaves when it
     * closes): stopping must also end a handshake that would otherwise finish after the stop and
     * keep a stopped device heart-beating to the gateway.
     */
    private final Set<Channel> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger rejections = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger gatewaysRefused = new AtomicInteger();
    private final AtomicInteger tamperedFrames = new AtomicInteger();
    private final java.security.SecureRandom random = new java.security.SecureRandom();
    private volatile Optional<String> lastRejection = Optional.empty();
    private volatile long lastSession;
    private volatile Channel server;
    private volatile int boundPort;
    private volatile boolean announced;
    private volatile int generation;

    public SimulatedDevice(SimulatedDeviceConfig config, SimulatorRuntime runtime) {
        this.config = config;
        this.runtime = runtime;
        this.loop = runtime.nextLoop();
        this.state = new DeviceState(config.model());
        this.behaviour = new KindBehaviour(DeviceKind.ofModel(config.model().model()), state, config.seed());
        this.behaviour.initialise(config.firmware(), config.bindAddress());
        this.boundPort = config.port();
        this.faults = new FaultPlayer(this, config.fault());
    }

    /**
     * Starts listening (again, after {@link #stop}: on the same port) and announces itself by mDNS
     * when the runtime has an advertiser. Returns the port.
     */
    public synchronized int start() {
        if (server != null) return boundPort;
        ServerBootstrap b = new ServerBootstrap().group(loop, loop).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ch.closeFuture().addListener(f -> connections.remove(ch));
                        LanSealCodec seal = LanPipeline.install(ch.pipeline(), 64 * 1024);
                        ch.pipeline().addLast(new DeviceLink(SimulatedDevice.this, seal));
                    }
                });
        Channel ch = b.bind(new InetSocketAddress(config.bindAddress(), boundPort)).syncUninterruptibly().channel();
        server = ch;
        boundPort = ((InetSocketAddress) ch.localAddress()).getPort();
        int gen = ++generation;
        onLoop(() -> {
            faults.resume();
            scheduleTick(gen);
        });
        announce();
        log.info("simulated device {} ({}) listening on {}:{}", config.deviceId(), config.model().model(),
                config.bindAddress().getHostAddress(), boundPort);
        return boundPort;
    }

    private void announce() {
        runtime.advertiser().ifPresent(a -> {
            try {
                a.announce(SERVICE_TYPE, config.deviceId(), boundPort,
                        Map.of("id", config.deviceId(), "model", config.model().model(), "pv", Integer.toString(config.protocolVersion())));
                announced = true;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot announce " + config.deviceId() + " by mDNS", e);
            }
        });
    }

    /** Says Goodbye to connected gateways, stops listening and withdraws its mDNS announcement. */
    public void stop() {
        stop(true);
    }

    synchronized void stop(boolean withdraw) {
        Channel ch = server;
        if (ch == null) return;
        server = null;
        generation++;
        ch.close().syncUninterruptibly();
        List<io.netty.channel.ChannelFuture> closing = new ArrayList<>();
        try {
            loop.submit(() -> links.forEach(l -> closing.add(l.goodbye(Goodbye.Reason.SHUTDOWN)))).syncUninterruptibly();
        } catch (RejectedExecutionException stopped) {
            log.debug("event loop already stopped");
        }
        for (io.netty.channel.ChannelFuture f : closing) {
            // a gateway that does not hang up within a second is cut off
            if (!f.awaitUninterruptibly(1, java.util.concurrent.TimeUnit.SECONDS)) f.channel().close().syncUninterruptibly();
        }
        // connections not yet welcomed said nothing and are not in links: cut them too
        for (Channel c : List.copyOf(connections)) c.close().syncUninterruptibly();
        if (withdraw && announced) {
            runtime.advertiser().ifPresent(a -> a.withdraw(SERVICE_TYPE, config.deviceId(), boundPort));
            announced = false;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Switches to {@code fault} now (see {@link Fault} for what each does). */
    public void setFault(Fault fault) {
        onLoop(() -> faults.set(fault));
    }

    public Fault fault() {
        return faults.current();
    }

    /** Someone unlocked this lock at the door: reports the lock state and an {@code unlocked} event with the user. */
    public void unlockBy(String user, String method) {
        onLoop(() -> {
            report(behaviour.unlockedByHand());
            raiseUnlocked(new KindBehaviour.Unlock(user, method));
        });
    }

    /**
     * Sends one property report of fields addressed by name (a key such as {@code "2.2"} is
     * still the declared property, anything else is a field its model does not describe), as
     * newer or hostile firmware would, on every welcomed connection. For adversarial tests.
     */
    public void reportByName(Map<String, Value> fields) {
        onLoop(() -> {
            for (DeviceLink l : links) {
                if (!l.welcomed()) continue;
                List<PropertyValue> values = new ArrayList<>();
                fields.forEach((name, v) -> values.add(LanWire.named(name, v)));
                l.send(LanWire.report(values, clock().millis(), l.nextSeq()));
            }
        });
    }

    public String deviceId() {
        return config.deviceId();
    }

    public DeviceModel model() {
        return config.model();
    }

    public DeviceSecret key() {
        return config.key();
    }

    /** The TCP port it listens on (after the first {@link #start}; before, the configured port). */
    public int port() {
        return boundPort;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(config.bindAddress(), boundPort);
    }

    /** The current value of property {@code "siid.piid"}. */
    public Optional<Value> property(String key) {
        return state.get(key);
    }

    /** Every property value, keyed {@code "siid.piid"}. */
    public Map<String, Value> properties() {
        return state.snapshot();
    }

    /** How many gateways completed the handshake and are connected now. */
    public int connectedGateways() {
        return (int) links.stream().filter(DeviceLink::welcomed).count();
    }

    /** The session number of the last Welcome. */
    public long lastSession() {
        return lastSession;
    }

    /**
     * How many handshakes ended in a refusal over the key: a gateway rejected this device, or (v2) this
     * device refused a gateway's proof first ({@link #gatewaysRefused}); {@link #lastRejection} says which.
     */
    public int rejections() {
        return rejections.get();
    }

    /** How many TCP connections it has accepted since it was created. */
    public int connectionsAccepted() {
        return accepted.get();
    }

    public Optional<String> lastRejection() {
        return lastRejection;
    }

    /** How many times it refused a gateway whose proof did not verify (v2), before proving anything itself. */
    public int gatewaysRefused() {
        return gatewaysRefused.get();
    }

    /** How many sealed frames from a gateway it refused (forged, replayed, missing, unsealed). */
    public int tamperedFrames() {
        return tamperedFrames.get();
    }

    public boolean running() {
        return server != null;
    }

    // ---- used by DeviceLink and FaultPlayer, on the device's loop ----

    SimulatedDeviceConfig config() {
        return config;
    }

    Scheduler scheduler() {
        return runtime.scheduler();
    }

    Clock clock() {
        return runtime.clock();
    }

    boolean accepting() {
        accepted.incrementAndGet();
        return server != null && faults.accepting();
    }

    byte[] wrongKey() {
        byte[] k = config.key().bytes();
        for (int i = 0; i < k.length; i++) k[i] ^= 0x5A;
        return k;
    }

    void onLoop(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException stopped) {
            log.debug("simulator event loop stopped");
        }
    }

    List<DeviceLink> links() {
        return new ArrayList<>(links);
    }

    void linkUp(DeviceLink link, long session) {
        links.add(link);
        lastSession = session;
        link.send(reportMessage(link, state.snapshot()));
        faults.afterHandshake(link);
    }

    void linkDown(DeviceLink link) {
        links.remove(link);
    }

    byte[] newNonce() {
        byte[] nonce = new byte[LanTranscript.NONCE_BYTES];
        random.nextBytes(nonce);
        return nonce;
    }

    void refusedGateway(String why) {
        gatewaysRefused.incrementAndGet();
        rejections.incrementAndGet();
        lastRejection = Optional.of("GATEWAY_NOT_AUTHENTICATED (refused by this device): " + why);
        log.warn("simulated device {} refused a gateway: {}", config.deviceId(), why);
    }

    void tampered(String reason) {
        tamperedFrames.incrementAndGet();
        log.warn("simulated device {} refused a frame from the gateway: {}", config.deviceId(), reason);
    }

    void rejected(String reason) {
        rejections.incrementAndGet();
        lastRejection = Optional.of(reason);
        log.info("simulated device {} was rejected: {}", config.deviceId(), reason);
    }

    void command(DeviceLink link, Command command) {
        if (faults.current() instanceof Fault.Silent) return;
        CommandResult.Builder result = CommandResult.newBuilder().setId(command.getId());
        Map<String, Value> changed = new LinkedHashMap<>();
        Optional<KindBehaviour.Unlock> unlock = Optional.empty();
        if (command.hasSetProperties()) {
            for (PropertyValue pv : command.getSetProperties().getValuesList()) {
                ItemResult item = state.set(pv);
                result.addItems(item);
                if (item.getCode() == 0) LanValues.fromLan(item.getValue()).ifPresent(v -> changed.put(pv.getSiid() + "." + pv.getPiid(), v));
            }
        } else {
            var invoke = command.getInvokeAction();
            ItemResult.Builder item = ItemResult.newBuilder().setSiid(invoke.getSiid()).setIid(invoke.getAiid());
            if (state.model().action(invoke.getSiid() + "." + invoke.getAiid()).isEmpty()) {
                item.setCode(DeviceState.NOT_FOUND).setMessage("no such action");
            } else {
                List<Value> args = LanWire.args(invoke.getArgsList());
                KindBehaviour.ActionEffect effect = behaviour.act(invoke.getSiid(), invoke.getAiid(), args);
                item.setCode(effect.code()).setMessage(effect.message());
                changed.putAll(effect.changed());
                unlock = effect.unlock();
            }
            result.addItems(item);
        }
        link.reply(LanMessage.newBuilder().setCommandResult(result).build());
        report(changed);
        unlock.ifPresent(this::raiseUnlocked);
    }

    private void scheduleTick(int gen) {
        Duration every = config.reportInterval();
        runtime.scheduler().schedule(every, () -> onLoop(() -> {
            if (gen != generation) return;
            report(behaviour.tick(every));
            scheduleTick(gen);
        }));
    }

    void report(Map<String, Value> changed) {
        if (changed.isEmpty() || faults.current() instanceof Fault.Silent) return;
        for (DeviceLink l : links) l.send(reportMessage(l, changed));
    }

    private LanMessage reportMessage(DeviceLink link, Map<String, Value> values) {
        return LanWire.report(values, clock().millis(), link.nextSeq());
    }

    private void raiseUnlocked(KindBehaviour.Unlock unlock) {
        if (faults.current() instanceof Fault.Silent) return;
        for (DeviceLink l : links) {
            Map<String, Value> args = new LinkedHashMap<>();
            args.put("user", Value.of(unlock.user()));
            args.put("method", Value.of(unlock.method()));
            l.send(LanWire.event(KindBehaviour.Unlock.SIID, KindBehaviour.Unlock.EIID, args, clock().millis(), l.nextSeq()));
        }
    }
}
