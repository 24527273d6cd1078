package dev.hearth.driver.miio;

import dev.hearth.driver.api.DriverCounters;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The driver's one UDP socket and one I/O thread, shared by every miIO session. Datagrams are
 * handed to the session registered for their source address.
 */
final class MiioTransport implements PacketLink, SessionRegistry, AutoCloseable {
    private final EventLoopGroup group;
    private final Channel channel;
    private final DriverCounters counters;
    private final Map<InetSocketAddress, MiioSession> sessions = new ConcurrentHashMap<>();

    /** Binds the socket ({@code local} port 0 picks a free one) and starts the I/O thread. */
    MiioTransport(InetSocketAddress local, int maxPacketSize, DatagramIo io, DriverCounters counters) {
        this.counters = counters;
        this.group = io.newGroup();
        try {
            this.channel = new Bootstrap().group(group).channel(io.channelType())
                    // one byte more than the limit, so an oversized datagram is seen as such, not cut to fit
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(maxPacketSize + 1))
                    .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                            dispatch(packet.sender(), ByteBufUtil.getBytes(packet.content()));
                        }
                    })
                    .bind(local).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    Executor loop() {
        return channel.eventLoop();
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** The device whose session receives what {@code address} sends, if any. */
    java.util.Optional<String> holderOf(InetSocketAddress address) {
        return java.util.Optional.ofNullable(sessions.get(address)).map(MiioSession::deviceId);
    }

    void register(MiioSession session) {
        sessions.put(session.address(), session);
    }

    @Override
    public void send(InetSocketAddress to, byte[] packet) {
        channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(packet), to));
    }

    @Override
    public void moved(MiioSession session, InetSocketAddress from, InetSocketAddress to) {
        sessions.remove(from, session);
        sessions.put(to, session);
    }

    @Override
    public void closed(MiioSession session, InetSocketAddress at) {
        sessions.remove(at, session);
    }

    private void dispatch(InetSocketAddress sender, byte[] packet) {
        MiioSession s = sessions.get(sender);
        if (s == null) {
            counters.increment("unsolicited_packets", "unknown_sender");
            return;
        }
        s.onPacket(packet);
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
