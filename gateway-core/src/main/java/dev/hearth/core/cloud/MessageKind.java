package dev.hearth.core.cloud;

/**
 * What an outgoing message is, which decides how the outbox treats it: only telemetry may be
 * dropped to keep the bound; retained kinds are coalesced per topic (only the latest matters).
 */
public enum MessageKind {
    TELEMETRY(false, true, "hearth.cloud.v1.Telemetry"),
    STATE(true, false, "hearth.cloud.v1.DeviceState"),
    AVAILABILITY(true, false, "hearth.cloud.v1.Availability"),
    REGISTRY(true, false, "hearth.cloud.v1.Registry"),
    STATUS(true, false, "hearth.cloud.v1.GatewayStatus"),
    REPLY(false, false, "hearth.cloud.v1.CommandReply");

    private final boolean retained;
    private final boolean droppable;
    private final String protoName;

    MessageKind(boolean retained, boolean droppable, String protoName) {
        this.retained = retained;
        this.droppable = droppable;
        this.protoName = protoName;
    }

    public boolean retained() {
        return retained;
    }

    /** Only telemetry gives way when the outbox is full. */
    public boolean droppable() {
        return droppable;
    }

    /** The MQTT 5 content type naming the protobuf message. */
    public String contentType() {
        return "application/x-protobuf; proto=" + protoName;
    }
}
