package dev.hearth.tools.ctl;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.hearth.protocols.cloud.v1.Cloud;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/** Decodes a cloud message to one line of JSON, using the message named by its MQTT 5 content type. */
final class CloudJson {
    private static final String MARK = "proto=hearth.cloud.v1.";

    private CloudJson() {
    }

    static String line(String topic, MqttMessage m) {
        String ct = m.getProperties() == null ? null : m.getProperties().getContentType();
        Optional<Descriptor> type = Optional.ofNullable(ct).filter(c -> c.contains(MARK))
                .map(c -> Cloud.getDescriptor().findMessageTypeByName(c.substring(c.indexOf(MARK) + MARK.length()).strip()));
        String body;
        if (type.isEmpty()) {
            body = "{\"undecoded_base64\":\"" + Base64.getEncoder().encodeToString(m.getPayload()) + "\"}";
        } else {
            try {
                body = JsonFormat.printer().omittingInsignificantWhitespace().print(DynamicMessage.parseFrom(type.get(), m.getPayload()));
            } catch (InvalidProtocolBufferException e) {
                body = "{\"malformed\":\"" + e.getMessage().replace('"', '\'') + "\"}";
            }
        }
        return topic + (m.isRetained() ? " (retained) " : " ") + body;
    }
}
