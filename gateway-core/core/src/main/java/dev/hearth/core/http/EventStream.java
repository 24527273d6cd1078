package dev.hearth.core.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.nio.charset.StandardCharsets;

/**
 * Server-sent events to every open {@code GET /api/v1/events} stream. Publishing never blocks:
 * a client that cannot keep up (its channel not writable) misses events rather than slowing the
 * gateway; it gets the full picture again by reloading the lists.
 */
public final class EventStream {
    /** Open event streams at most, by default: each holds a connection, and the page needs one. */
    public static final int DEFAULT_MAX_CLIENTS = 16;

    private final ChannelGroup clients = new DefaultChannelGroup("sse", GlobalEventExecutor.INSTANCE);
    private final int maxClients;

    public EventStream() {
        this(DEFAULT_MAX_CLIENTS);
    }

    public EventStream(int maxClients) {
        if (maxClients < 1) throw new IllegalArgumentException("maxClients must be at least 1");
        this.maxClients = maxClients;
    }

    /** Adds a client unless {@code maxClients} are open (closed ones leave the group by themselves). */
    synchronized boolean register(Channel channel) {
        if (clients.size() >= maxClients) return false;
        clients.add(channel);
        return true;
    }

    /** Sends {@code event: NAME / data: JSON} to every client. */
    public void publish(String event, Object data) {
        if (clients.isEmpty()) return;
        String frame = "event: " + event + "\ndata: " + new String(Json.bytes(data), StandardCharsets.UTF_8) + "\n\n";
        byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
        for (Channel c : clients) {
            if (c.isWritable()) {
                c.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(bytes)));
            }
        }
    }

    public int clientCount() {
        return clients.size();
    }

    void closeAll() {
        clients.close();
    }
}
