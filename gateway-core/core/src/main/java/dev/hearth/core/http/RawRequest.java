package dev.hearth.core.http;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpUtil;
import java.util.Optional;

/**
 * One decoded request, copied out of Netty's buffers so it can wait its turn on a pipelined
 * connection after the buffer is released. {@code overflow} marks the request one too many.
 */
record RawRequest(String method, String uri, Optional<String> host, Optional<String> authorization,
                  boolean keepAlive, boolean decoded, boolean overflow, byte[] body) {

    static RawRequest of(FullHttpRequest req) {
        byte[] body = new byte[req.content().readableBytes()];
        req.content().getBytes(req.content().readerIndex(), body);
        return new RawRequest(req.method().name(), req.uri(),
                Optional.ofNullable(req.headers().get(HttpHeaderNames.HOST)),
                Optional.ofNullable(req.headers().get(HttpHeaderNames.AUTHORIZATION)),
                HttpUtil.isKeepAlive(req), req.decoderResult().isSuccess(), false, body);
    }

    static RawRequest tooMany() {
        return new RawRequest("GET", "/", Optional.empty(), Optional.empty(), false, true, true, new byte[0]);
    }
}
