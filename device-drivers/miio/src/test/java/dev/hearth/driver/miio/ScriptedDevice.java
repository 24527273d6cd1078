package dev.hearth.driver.miio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.protocols.miio.MiioDecodeResult;
import dev.hearth.protocols.miio.MiioHeader;
import dev.hearth.protocols.miio.MiioPacketCodec;
import dev.hearth.protocols.miio.MiioRpcCodec;
import dev.hearth.protocols.miio.MiioRpcMessage;
import dev.hearth.protocols.miio.MiioToken;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A device for unit tests, answering synchronously through the codec: hello replies always,
 * encrypted requests only when they carry its token and while it is not silent.
 */
final class ScriptedDevice implements PacketLink {
    static final long DID = 123456789L;
    /** The token the device holds; a test may swap it, as a replaced device holds another. */
    MiioToken token;
    /** The device id it answers under (hellos and replies); a test may change it, as a replaced device has another. */
    long answerAs = DID;
    final MiioPacketCodec codec = new MiioPacketCodec(16384);
    final MiioRpcCodec rpc = new MiioRpcCodec();
    final ObjectMapper json = new ObjectMapper();
    final List<MiioRpcMessage.Request> requests = new ArrayList<>();
    /** Every request the device received, answered or not (silent included). */
    final List<MiioRpcMessage.Request> received = new ArrayList<>();
    int hellos;
    int packets;
    boolean silent;
    long stamp = 1000;
    Function<MiioRpcMessage.Request, Optional<MiioRpcMessage.Reply>> behaviour;
    MiioSession session;
    /** When set, replies wait in {@link #deferred} until {@link #releaseOne}: requests stay in flight. */
    boolean deferReplies;
    final java.util.ArrayDeque<byte[]> deferred = new java.util.ArrayDeque<>();
    /** The most requests this device held unanswered at once while replies were deferred. */
    int mostUnanswered;

    ScriptedDevice(MiioToken token, Function<MiioRpcMessage.Request, Optional<MiioRpcMessage.Reply>> behaviour) {
        this.token = token;
        this.behaviour = behaviour;
    }

    @Override
    public void send(InetSocketAddress to, byte[] packet) {
        packets++;
        MiioDecodeResult r = codec.decode(packet, token);
        if (r instanceof MiioDecodeResult.Message m && rpc.parse(m.json()) instanceof MiioRpcMessage.Request heard) received.add(heard);
        if (silent) return;
        if (r instanceof MiioDecodeResult.Hello) {
            hellos++;
            session.onPacket(MiioPacketCodec.helloReply(answerAs, stamp));
        } else if (r instanceof MiioDecodeResult.Message m && rpc.parse(m.json()) instanceof MiioRpcMessage.Request req) {
            requests.add(req);
            behaviour.apply(req).ifPresent(reply -> {
                byte[] encoded = codec.encode(MiioHeader.of(answerAs, stamp), rpc.encode(reply), token);
                if (deferReplies) {
                    deferred.addLast(encoded);
                    mostUnanswered = Math.max(mostUnanswered, deferred.size());
                } else {
                    session.onPacket(encoded);
                }
            });
        }
    }

    /** Sends the oldest deferred reply; false when none waits. */
    boolean releaseOne() {
        byte[] packet = deferred.pollFirst();
        if (packet == null) return false;
        session.onPacket(packet);
        return true;
    }

    JsonNode node(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    List<String> methods() {
        return requests.stream().map(MiioRpcMessage.Request::method).toList();
    }
}
