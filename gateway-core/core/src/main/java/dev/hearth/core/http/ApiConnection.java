package dev.hearth.core.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP connection, served one request at a time in the order they came: a pipelined request
 * waits (at most {@code maxPipelined} of them) until the one before it is answered, so answers
 * always leave in request order, and a request saying {@code Connection: close} is answered after
 * everything sent before it, then the connection closes and whatever came after is not served.
 * Reading stops while a request is in progress (back-pressure). Runs on the connection's event
 * loop only; handlers that complete elsewhere hand their answer back to it.
 */
final class ApiConnection extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ApiConnection.class);
    static final String CSP = "default-src 'self'; frame-ancestors 'none'";

    private final RequestDispatch dispatch;
    private final EventStream events;
    private final HttpCounters counters;
    private final int maxPipelined;
    private final ArrayDeque<RawRequest> waiting = new ArrayDeque<>();
    private boolean busy;
    private boolean closing;
    private boolean streaming;

    ApiConnection(RequestDispatch dispatch, EventStream events, HttpCounters counters, int maxPipelined) {
        this.dispatch = Objects.requireNonNull(dispatch, "dispatch");
        this.events = Objects.requireNonNull(events, "events");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.maxPipelined = maxPipelined;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest req)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            if (closing || streaming) return; // nothing after "Connection: close" or a stream is served
            if (waiting.size() >= maxPipelined) {
                waiting.add(RawRequest.tooMany());
                closing = true;
            } else {
                RawRequest raw = RawRequest.of(req);
                waiting.add(raw);
                if (!raw.keepAlive()) closing = true;
            }
        } finally {
            req.release();
        }
        serveNext(ctx);
    }

    private void serveNext(ChannelHandlerContext ctx) {
        if (busy) return;
        RawRequest next = waiting.poll();
        if (next == null) {
            if (!closing) ctx.channel().config().setAutoRead(true);
            return;
        }
        busy = true;
        ctx.channel().config().setAutoRead(false);
        RequestDispatch.Answer answer = dispatch.answer(next);
        if (answer instanceof RequestDispatch.Answer.OpenStream) {
            streaming = true;
            waiting.clear();
            openEventStream(ctx);
            return;
        }
        ((RequestDispatch.Answer.Respond) answer).response().whenComplete((response, failure) -> {
            ApiResponse r = response != null ? response
                    : ApiResponse.error(500, "internal", "the gateway could not serve this request; see its log");
            if (ctx.executor().inEventLoop()) {
                finish(ctx, next, r);
            } else {
                ctx.executor().execute(() -> finish(ctx, next, r));
            }
        });
    }

    private void finish(ChannelHandlerContext ctx, RawRequest req, ApiResponse r) {
        boolean keepAlive = req.keepAlive() && !req.overflow();
        write(ctx, r, keepAlive);
        busy = false;
        if (!keepAlive) {
            waiting.clear();
            return;
        }
        serveNext(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            ReferenceCountUtil.release(evt);
            // a request still being answered (a command waiting for its device) is bounded by its own timeout
            if (!busy && !streaming) {
                counters.badRequest("idle_timeout");
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        waiting.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("HTTP connection error: {}", cause.toString());
        ctx.close();
    }

    private void openEventStream(ChannelHandlerContext ctx) {
        // registered before the head is written, on this loop: an event published meanwhile is queued behind the head
        if (!events.register(ctx.channel())) {
            counters.badRequest("event_streams_full");
            write(ctx, ApiResponse.error(503, "busy", "too many event streams are open; retry later"), false);
            return;
        }
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        head.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        secure(head.headers());
        ctx.writeAndFlush(head);
        // A comment line first, so clients see the stream open before the first event.
        ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(": hearth events\n\n", StandardCharsets.UTF_8)));
        // read on (what a stream's client sends is discarded), so its close is seen and frees its place at once
        ctx.channel().config().setAutoRead(true);
    }

    private static void write(ChannelHandlerContext ctx, ApiResponse r, boolean keepAlive) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status()),
                Unpooled.wrappedBuffer(r.body()));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
        res.headers().set(HttpHeaderNames.CONTENT_LENGTH, res.content().readableBytes());
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        secure(res.headers());
        if (keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(res);
        } else {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** The headers every answer carries: no sniffing, no framing, nothing loaded from elsewhere. */
    static void secure(HttpHeaders h) {
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Content-Security-Policy", CSP);
    }
}
