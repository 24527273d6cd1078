package dev.hearth.core.cloud;

/**
 * What an outgoing message is, which decides how the outbox treats it: telemetry is dropped first
 * to keep the bound (replies and retained kinds only when no telemetry is left); retained kinds
 * are coalesced per topic (only the latest matters).
 */
public enum MessageKind {
    TELEMETRY(false, true, "hearth.cloud.v1.Telemetry"),
    STATE(true, false, "hearth.cloud.v1.DeviceState"),
    AVAILABILITY(true, false, "hearth.cloud.v1.Availability"),
    REGISTRY(true, false, "hearth.cloud.v1.Registry"),
    STATUS(true, false, "hearth.cloud.v1.GatewayStatus"),
    REPLY(false, false, "hearth.cloud.v1.CommandReply"),
    /** Daily usage aggregates (only with UX-programme consent); they give way like telemetry. */
    STATS(false, true, "hearth.cloud.v1.UsageStats");

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

    /** Telemetry gives way first when the outbox is full. */
    public boolean droppable() {
        return droppable;
    }

    /** The MQTT 5 content type naming the protobuf message. */
    public String contentType() {
        return "application/x-protobuf; proto=" + protoName;
    }
}
