package dev.hearth.core.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.Closeable;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local HTTP server (Netty's HTTP codec): routes, bearer-token authentication, JSON errors,
 * and server-sent event streams. Handlers never see a request that failed authentication, and a
 * failing handler never shows a stack trace: the client gets a JSON error, the log gets the cause.
 *
 * <p>Bounds ({@link HttpLimits}): open connections (one more is answered 503 and closed at once, so
 * idle sockets cannot use up the process's file descriptors), an idle timeout, requests waiting on
 * a pipelined connection (answered in order: {@link ApiConnection}), the Host header
 * ({@link HostCheck}), header and body sizes. The event loop only does I/O and decoding: route
 * handlers run on a small bounded pool ({@link HttpLimits#handlerThreads}), 503 when it is full.
 */
public final class HttpApiServer implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApiServer.class);
    /** The path of the server-sent event stream. */
    public static final String EVENTS_PATH = "/api/v1/events";
    private static final byte[] FULL = ("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n"
            + "Content-Security-Policy: " + ApiConnection.CSP + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    private final Router router;
    private final ApiToken token;
    private final EventStream events;
    private final HttpCounters counters;
    private final int maxBodyBytes;
    private final HttpLimits limits;
    private final AtomicInteger open = new AtomicInteger();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ThreadPoolExecutor handlers;
    private Channel serverChannel;

    public HttpApiServer(Router router, ApiToken token, EventStream events, HttpCounters counters, int maxBodyBytes) {
        this(router, token, events, counters, maxBodyBytes, HttpLimits.DEFAULTS);
    }

    public HttpApiServer(Router router, ApiToken token, EventStream events, HttpCounters counters, int maxBodyBytes,
                         HttpLimits limits) {
        this.router = Objects.requireNonNull(router, "router");
        this.token = Objects.requireNonNull(token, "token");
        this.events = Objects.requireNonNull(events, "events");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.maxBodyBytes = maxBodyBytes;
        this.limits = Objects.requireNonNull(limits, "limits");
        AtomicInteger n = new AtomicInteger();
        this.handlers = new ThreadPoolExecutor(limits.handlerThreads(), limits.handlerThreads(), 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(limits.handlerQueue()), r -> {
                    Thread t = new Thread(r, "hearth-http-handler-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Binds and starts serving; returns the bound address (port 0 picks a free one). */
    public InetSocketAddress start(InetSocketAddress bind) throws InterruptedException {
        RequestDispatch dispatch = new RequestDispatch(router, token, counters, new HostCheck(bind.getAddress(), limits.hostNames()),
                handlers);
        long idleMillis = limits.idleTimeout().toMillis();
        serverChannel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (open.incrementAndGet() > limits.maxConnections()) {
                            open.decrementAndGet();
                            counters.badRequest("connection_cap");
                            ch.writeAndFlush(Unpooled.wrappedBuffer(FULL)).addListener(ChannelFutureListener.CLOSE);
                            return;
                        }
                        ch.closeFuture().addListener(f -> open.decrementAndGet());
                        ch.pipeline()
                                .addLast(new IdleStateHandler(0, 0, idleMillis, TimeUnit.MILLISECONDS))
                                .addLast(new HttpServerCodec(8192, 16384, 16384))
                                .addLast(new HttpObjectAggregator(maxBodyBytes))
                                .addLast(new ApiConnection(dispatch, events, counters, limits.maxPipelined()));
                    }
                })
                .bind(bind).sync().channel();
        InetSocketAddress bound = (InetSocketAddress) serverChannel.localAddress();
        LOG.info("local HTTP API on http://{}:{}/ (at most {} connections, idle timeout {} ms)",
                bound.getHostString(), bound.getPort(), limits.maxConnections(), idleMillis);
        return bound;
    }

    /** Connections open now (for tests and the metrics). */
    public int openConnections() {
        return open.get();
    }

    /** Requests waiting for a handler thread now (for tests and the metrics). */
    public int handlersWaiting() {
        return handlers.getQueue().size();
    }

    @Override
    public void close() {
        events.closeAll();
        if (serverChannel != null) serverChannel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        handlers.shutdownNow();
    }
}
