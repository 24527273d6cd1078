package dev.hearth.core.cloud.mqtt;

import dev.hearth.core.cloud.BridgeSettings;
import dev.hearth.core.cloud.MessageKind;
import dev.hearth.core.cloud.OutboundMessage;
import dev.hearth.protocols.cloud.v1.GatewayStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/** Turns our messages and settings into Paho's: QoS 1, retain flag, content type, schema version. */
final class MessageProperties {
    static final String SCHEMA_VERSION_KEY = "schema-version";
    static final String SCHEMA_VERSION = "1";

    private MessageProperties() {
    }

    static MqttMessage message(OutboundMessage m) {
        var msg = new MqttMessage(m.payload(), 1, m.kind().retained(), properties(m));
        return msg;
    }

    /**
     * The size of {@code m} as a PUBLISH packet at QoS 1, as this class encodes it: fixed header,
     * topic, packet id, properties (content type, schema version, correlation data) and payload.
     * An upper bound (variable-length integers counted at their longest), so a message that passes
     * the broker's Maximum Packet Size check here always fits.
     */
    static long packetBytes(OutboundMessage m) {
        long props = 1 + 2 + utf8(m.kind().contentType())
                + 1 + 2 + utf8(SCHEMA_VERSION_KEY) + 2 + utf8(SCHEMA_VERSION)
                + m.correlationData().map(c -> 1 + 2 + c.length).orElse(0);
        long variable = 2 + utf8(m.topic()) + 2 + 4 + props;
        return 1 + 4 + variable + m.size();
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    static MqttProperties properties(OutboundMessage m) {
        var p = new MqttProperties();
        p.setContentType(m.kind().contentType());
        p.setUserProperties(List.of(new UserProperty(SCHEMA_VERSION_KEY, SCHEMA_VERSION)));
        m.correlationData().ifPresent(p::setCorrelationData);
        return p;
    }

    static OutboundMessage status(BridgeSettings s, GatewayStatus.State state, long session, long atMs, String broker) {
        byte[] payload = GatewayStatus.newBuilder()
                .setSchemaVersion(1)
                .setState(state)
                .setSession(session)
                .setAtMs(atMs)
                .setVersion(s.gatewayVersion())
                .setBroker(broker)
                .build()
                .toByteArray();
        return OutboundMessage.of(MessageKind.STATUS, s.topics().status(), payload);
    }

    /**
     * Clean start always (a resumed session re-sends in-flight publishes by topic alias only:
     * Paho 1.2.5's bug); no Paho automatic reconnect (the link owns the loop); the will is the
     * OFFLINE status of this session.
     */
    static MqttConnectionOptions connection(BridgeSettings s, long session, long atMs, SocketFactory sockets, String broker) {
        var o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval((int) s.keepAlive().getSeconds());
        o.setConnectionTimeout((int) s.connectTimeout().getSeconds());
        o.setMaximumPacketSize((long) s.maxInboundPacketBytes());
        // We never use inbound topic aliases; 0 tells the broker not to send any.
        o.setTopicAliasMaximum(0);
        s.username().ifPresent(o::setUserName);
        s.password().ifPresent(pw -> o.setPassword(pw.reveal().getBytes(StandardCharsets.UTF_8)));
        o.setSocketFactory(sockets);
        o.setHttpsHostnameVerificationEnabled(true);
        OutboundMessage will = status(s, GatewayStatus.State.OFFLINE, session, atMs, broker);
        o.setWill(will.topic(), new MqttMessage(will.payload(), 1, true, null));
        o.setWillMessageProperties(properties(will));
        return o;
    }
}
