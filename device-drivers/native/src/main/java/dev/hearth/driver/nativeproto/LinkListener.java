package dev.hearth.driver.nativeproto;

import dev.hearth.driver.api.OfflineReason;
import dev.hearth.driver.api.value.Value;
import dev.hearth.protocols.lan.v1.CommandResult;
import io.netty.channel.Channel;
import java.util.Map;
import java.util.Optional;

/** What a {@link LinkHandler} tells its session, on the connection's event loop. */
interface LinkListener {

    /** The device proved its key; returns the link number to send in Welcome. */
    long online(Channel channel, LinkHandler link, Optional<String> firmware);

    void state(Map<String, Value> values);

    void event(String key, Map<String, Value> args);

    void commandResult(CommandResult result);

    /** The device failed authentication; the connection is being closed and must not be retried. */
    void refused(String reason);

    /**
     * The other end sent a plaintext Reject during the handshake: unauthenticated, so not a refusal.
     * The connection closes next ({@link #closed}) and the session reconnects as after a cut; the
     * core hears of it as an unauthenticated {@code Refused}.
     */
    void rejected(String detail);

    /** The connection is closed; {@code wasOnline} says whether the handshake had completed. */
    void closed(Channel channel, boolean wasOnline, OfflineReason reason, String detail);
}
