package dev.hearth.driver.nativeproto;

import dev.hearth.driver.api.Announcement;
import dev.hearth.driver.api.Backoff;
import dev.hearth.driver.api.DeviceDriver;
import dev.hearth.driver.api.DeviceSession;
import dev.hearth.driver.api.DeviceSink;
import dev.hearth.driver.api.DiscoveredDevice;
import dev.hearth.driver.api.DriverContext;
import dev.hearth.protocols.lan.LanAuth;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver for Hearth's own LAN protocol (lan.proto: protobuf frames over TCP; v2 mutually
 * authenticated and sealed with AES-GCM, DESIGN.md §11). Found by {@link java.util.ServiceLoader}. All devices share one small
 * Netty event-loop group ({@code native.ioThreads}, default 1); see {@link NativeOptions} for the
 * driver's options.
 */
public final class NativeDriver implements DeviceDriver {
    private static final Logger log = LoggerFactory.getLogger(NativeDriver.class);
    private static final int CONNECT_TIMEOUT_MS = 5_000;

    private final Set<NativeSession> sessions = ConcurrentHashMap.newKeySet();
    private volatile EventLoopGroup group;
    private volatile Bootstrap bootstrap;
    private volatile LinkEnvironment env;

    /** For {@link java.util.ServiceLoader}. */
    public NativeDriver() {
    }

    @Override
    public String protocol() {
        return "native";
    }

    @Override
    public Set<String> serviceTypes() {
        return Set.of(NativeAnnouncements.SERVICE_TYPE);
    }

    @Override
    public Optional<DiscoveredDevice> recognize(Announcement announcement) {
        return NativeAnnouncements.recognize(announcement);
    }

    @Override
    public synchronized void start(DriverContext context) {
        if (group != null) throw new IllegalStateException("the native driver is already started");
        NativeOptions options = NativeOptions.from(context.settings());
        SecureRandom random = new SecureRandom();
        env = new LinkEnvironment(context.clock(), context.scheduler(), context.secrets(), context.models(),
                context.counters(), options, context.settings().heartbeatMisses(),
                Backoff.doubling(context.settings().reconnectMin(), context.settings().reconnectMax()),
                new java.util.Random(random.nextLong())::nextDouble,
                () -> LanAuth.newNonce(random));
        group = new MultiThreadIoEventLoopGroup(options.ioThreads(), NioIoHandler.newFactory());
        bootstrap = new Bootstrap()
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MS)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                // the gateway's own writes to a device that stops reading are bounded: commands then fail BUSY
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(8 * 1024, 32 * 1024));
        log.info("native driver started with {} I/O thread(s)", options.ioThreads());
        if (options.allowInsecureV1()) {
            log.warn("devices.allowInsecureV1 is true: devices that only speak the LAN protocol v1 are accepted; "
                    + "their sessions are not sealed, and a relay on the LAN can impersonate them");
        }
    }

    @Override
    public DeviceSession open(DiscoveredDevice device, DeviceSink sink) {
        EventLoopGroup g = group;
        if (g == null) throw new IllegalStateException("the native driver is not started");
        EventLoop loop = g.next();
        Bootstrap b = bootstrap.clone(loop);
        NativeSession session = new NativeSession(device, sink, env, loop,
                (address, initializer) -> b.clone().handler(initializer).connect(address), sessions::remove);
        sessions.add(session);
        session.start();
        return session;
    }

    @Override
    public synchronized void stop() {
        EventLoopGroup g = group;
        if (g == null) return;
        sessions.forEach(NativeSession::close);
        g.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        group = null;
        log.info("native driver stopped");
    }
}
