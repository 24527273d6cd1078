package dev.hearth.driver.nativeproto;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import java.net.InetSocketAddress;

/**
 * Opens one TCP connection for a session, on the session's event loop, with {@code initializer}
 * as the channel's handler. Production uses a Netty {@code Bootstrap}; unit tests return an
 * {@code EmbeddedChannel}.
 */
@FunctionalInterface
interface Connector {
    ChannelFuture connect(InetSocketAddress address, ChannelHandler initializer);
}
