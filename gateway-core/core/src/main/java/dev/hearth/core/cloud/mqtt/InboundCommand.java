package dev.hearth.core.cloud.mqtt;

import java.util.Objects;
import java.util.Optional;

/** A message that arrived on the commands topic, with the MQTT 5 request/response properties. */
public record InboundCommand(byte[] payload, Optional<String> responseTopic, Optional<byte[]> correlationData) {
    public InboundCommand {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(responseTopic, "responseTopic");
        Objects.requireNonNull(correlationData, "correlationData");
        payload = payload.clone();
        correlationData = correlationData.map(byte[]::clone);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public int size() {
        return payload.length;
    }
}
