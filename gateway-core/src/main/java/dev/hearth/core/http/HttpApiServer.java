package dev.hearth.core.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.Closeable;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local HTTP server (Netty's HTTP codec): routes, bearer-token authentication, JSON errors,
 * and server-sent event streams. Handlers never see a request that failed authentication, and a
 * failing handler never shows a stack trace: the client gets a JSON error, the log gets the cause.
 */
public final class HttpApiServer implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApiServer.class);
    /** The path of the server-sent event stream. */
    public static final String EVENTS_PATH = "/api/v1/events";

    private final Router router;
    private final ApiToken token;
    private final EventStream events;
    private final HttpCounters counters;
    private final int maxBodyBytes;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private Channel serverChannel;

    public HttpApiServer(Router router, ApiToken token, EventStream events, HttpCounters counters, int maxBodyBytes) {
        this.router = Objects.requireNonNull(router, "router");
        this.token = Objects.requireNonNull(token, "token");
        this.events = Objects.requireNonNull(events, "events");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Binds and starts serving; returns the bound address (port 0 picks a free one). */
    public InetSocketAddress start(InetSocketAddress bind) throws InterruptedException {
        serverChannel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new HttpServerCodec(8192, 16384, 16384))
                                .addLast(new HttpObjectAggregator(maxBodyBytes))
                                .addLast(new RequestHandler());
                    }
                })
                .bind(bind).sync().channel();
        InetSocketAddress bound = (InetSocketAddress) serverChannel.localAddress();
        LOG.info("local HTTP API on http://{}:{}/", bound.getHostString(), bound.getPort());
        return bound;
    }

    @Override
    public void close() {
        events.closeAll();
        if (serverChannel != null) serverChannel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            if (!req.decoderResult().isSuccess()) {
                counters.badRequest("undecodable");
                send(ctx, ApiResponse.error(400, "bad_request", "the request could not be decoded"), false);
                return;
            }
            QueryStringDecoder uri = new QueryStringDecoder(req.uri());
            String method = req.method().name();
            String path = uri.path();
            if (method.equals("GET") && path.equals(EVENTS_PATH)) {
                if (!authorized(req)) {
                    send(ctx, unauthorized(), keepAlive);
                } else {
                    openEventStream(ctx);
                }
                return;
            }
            Router.Match match = router.match(method, path);
            if (match instanceof Router.Match.NotFound) {
                send(ctx, ApiResponse.error(404, "not_found", "no such resource: " + path), keepAlive);
                return;
            }
            if (match instanceof Router.Match.MethodNotAllowed m) {
                send(ctx, ApiResponse.error(405, "method_not_allowed", method + " is not allowed here; use " + m.allowed()), keepAlive);
                return;
            }
            Router.Match.Found found = (Router.Match.Found) match;
            if (found.route().access() == Router.Access.TOKEN && !authorized(req)) {
                send(ctx, unauthorized(), keepAlive);
                return;
            }
            byte[] body = new byte[req.content().readableBytes()];
            req.content().readBytes(body);
            ApiRequest request = new ApiRequest(method, path, uri.parameters(), found.params(), body);
            String route = found.route().method() + " " + found.route().pattern();
            CompletionStage<ApiResponse> answer;
            try {
                answer = found.route().handler().handle(request);
            } catch (RuntimeException e) {
                answer = java.util.concurrent.CompletableFuture.failedFuture(e);
            }
            answer.whenComplete((response, failure) -> {
                ApiResponse r = failure == null ? response : fromFailure(route, failure);
                counters.request(route, r.status());
                ctx.executor().execute(() -> send(ctx, r, keepAlive));
            });
        }

        private boolean authorized(FullHttpRequest req) {
            return token.matchesHeader(req.headers().get(HttpHeaderNames.AUTHORIZATION));
        }

        private ApiResponse unauthorized() {
            counters.badRequest("unauthorized");
            return ApiResponse.error(401, "unauthorized", "this needs the local API token: Authorization: Bearer <token from the data directory's api-token file>");
        }

        private ApiResponse fromFailure(String route, Throwable failure) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof ApiException api) {
                if (api.status() == 400) counters.badRequest(api.code());
                return ApiResponse.error(api.status(), api.code(), api.getMessage());
            }
            LOG.warn("{} failed: {}", route, cause.toString());
            return ApiResponse.error(500, "internal", "the gateway could not serve this request; see its log");
        }

        private void openEventStream(ChannelHandlerContext ctx) {
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
            head.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
            head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            ctx.writeAndFlush(head);
            // A comment line first, so clients see the stream open before the first event.
            ctx.writeAndFlush(new io.netty.handler.codec.http.DefaultHttpContent(
                    Unpooled.copiedBuffer(": hearth events\n\n", java.nio.charset.StandardCharsets.UTF_8)));
            events.register(ctx.channel());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("HTTP connection error: {}", cause.toString());
            ctx.close();
        }
    }

    private static void send(ChannelHandlerContext ctx, ApiResponse r, boolean keepAlive) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status()),
                Unpooled.wrappedBuffer(r.body()));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
        res.headers().set(HttpHeaderNames.CONTENT_LENGTH, res.content().readableBytes());
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        res.headers().set("X-Content-Type-Options", "nosniff");
        if (keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(res);
        } else {
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
