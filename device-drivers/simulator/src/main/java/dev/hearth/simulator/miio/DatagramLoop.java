package dev.hearth.simulator.miio;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The I/O thread simulated miIO devices answer on, and the datagram channel type that goes with
 * it: Netty's native epoll transport where it loads (Linux), else NIO. The simulator sits inside
 * every measured round trip, so its reply path should cost as little as a real device's would.
 *
 * @param group       the event loop group (its threads serve the devices' sockets)
 * @param channelType the datagram channel class matching {@code group}'s I/O handler
 */
public record DatagramLoop(EventLoopGroup group, Class<? extends DatagramChannel> channelType) {
    public DatagramLoop {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(channelType, "channelType");
    }

    /** One I/O thread: epoll if {@code preferNative} and it is available, else NIO. */
    public static DatagramLoop start(boolean preferNative) {
        if (preferNative && Epoll.isAvailable()) {
            return new DatagramLoop(new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory()), EpollDatagramChannel.class);
        }
        return new DatagramLoop(new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory()), NioDatagramChannel.class);
    }

    /** "epoll" or "nio". */
    public String name() {
        return channelType == EpollDatagramChannel.class ? "epoll" : "nio";
    }

    /** Stops the I/O thread (close the devices first). */
    public void stop() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
