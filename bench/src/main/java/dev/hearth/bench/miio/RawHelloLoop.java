package dev.hearth.bench.miio;

import dev.hearth.protocols.miio.MiioPacketCodec;
import dev.hearth.simulator.miio.DatagramLoop;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The floor with the same I/O machinery as the driver: a Netty datagram channel on its own event
 * loop (epoll or NIO, as the driver's), sending the 32-byte hello from the previous reply's read
 * callback. It differs from Hearth's measured path only by what a request costs to build, encrypt,
 * sign, parse and correlate, on either side, which is what the comparison is about.
 */
final class RawHelloLoop {
    private RawHelloLoop() {
    }

    static long[] run(InetSocketAddress device, boolean nativeTransport, int warmup, int count) throws Exception {
        long[] nanos = new long[count];
        CompletableFuture<Void> done = new CompletableFuture<>();
        byte[] hello = MiioPacketCodec.hello();
        DatagramLoop loop = DatagramLoop.start(nativeTransport);
        try {
            Channel ch = new Bootstrap().group(loop.group()).channel(loop.channelType())
                    .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                        int i = -warmup;
                        long t0;

                        @Override
                        public void channelActive(ChannelHandlerContext ctx) {
                            send(ctx);
                        }

                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket reply) {
                            long elapsed = System.nanoTime() - t0;
                            if (reply.content().readableBytes() != hello.length) {
                                done.completeExceptionally(new IllegalStateException("not a hello reply"));
                                return;
                            }
                            if (i >= 0) nanos[i] = elapsed;
                            if (++i < count) send(ctx);
                            else done.complete(null);
                        }

                        private void send(ChannelHandlerContext ctx) {
                            t0 = System.nanoTime();
                            ctx.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(hello), device));
                        }
                    })
                    .bind(new InetSocketAddress(dev.hearth.simulator.miio.MiioFleet.address(127, 0, 0, 1), 0)).syncUninterruptibly().channel();
            try {
                done.get(10, TimeUnit.MINUTES);
            } finally {
                ch.close().syncUninterruptibly();
            }
        } finally {
            loop.stop();
        }
        return nanos;
    }
}
