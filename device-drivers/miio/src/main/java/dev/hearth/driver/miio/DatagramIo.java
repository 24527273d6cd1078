package dev.hearth.driver.miio;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;

/**
 * Which Netty I/O implementation carries the driver's UDP socket: the native epoll transport
 * where it loads (Linux), else NIO. Epoll wakes the I/O thread and reads a datagram with less
 * work per packet than the JDK selector, which is most of a request's cost on loopback.
 *
 * @param name          "epoll" or "nio", for logs and benchmarks
 * @param handlers      the I/O handler for the event loop group
 * @param channelType   the datagram channel class matching {@code handlers}
 */
record DatagramIo(String name, IoHandlerFactory handlers, Class<? extends DatagramChannel> channelType) {

    /** Native epoll when available and {@code preferNative}, else NIO. */
    static DatagramIo select(boolean preferNative) {
        if (preferNative && Epoll.isAvailable()) {
            return new DatagramIo("epoll", EpollIoHandler.newFactory(), EpollDatagramChannel.class);
        }
        return new DatagramIo("nio", NioIoHandler.newFactory(), NioDatagramChannel.class);
    }

    /** A group with a single I/O thread. */
    EventLoopGroup newGroup() {
        return new MultiThreadIoEventLoopGroup(1, handlers);
    }
}
