package dev.hearth.core.cloud;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One message for the cloud, ready to publish: its kind (which sets retain flag, content type and
 * outbox treatment), topic and encoded protobuf payload; replies carry the correlation data to echo.
 */
public record OutboundMessage(MessageKind kind, String topic, byte[] payload, Optional<byte[]> correlationData) {
    public OutboundMessage {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(correlationData, "correlationData");
        if (topic.isEmpty() || topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
            throw new IllegalArgumentException("not a publish topic: \"" + topic + "\"");
        }
        payload = payload.clone();
        correlationData = correlationData.map(byte[]::clone);
    }

    public static OutboundMessage of(MessageKind kind, String topic, byte[] payload) {
        return new OutboundMessage(kind, topic, payload, Optional.empty());
    }

    /** A copy of the payload. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public int size() {
        return payload.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OutboundMessage m && kind == m.kind && topic.equals(m.topic) && Arrays.equals(payload, m.payload)
                && correlationData.map(c -> m.correlationData.isPresent() && Arrays.equals(c, m.correlationData.get()))
                        .orElse(m.correlationData.isEmpty());
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, topic, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        // the topic may come from outside (a response topic): never raw control characters in a log line
        return "OutboundMessage[" + kind + " " + dev.hearth.core.logging.ratelimit.RateLimitedLog.quoted(topic) + ", " + payload.length + " bytes]";
    }
}
