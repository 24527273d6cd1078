package dev.hearth.core.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.core.access.Decision;
import dev.hearth.core.access.DeviceScope;
import dev.hearth.core.access.Operation;
import dev.hearth.core.cloud.command.VerifiedCommand;
import dev.hearth.core.registry.DeviceRecord;
import dev.hearth.driver.api.value.ValueJson;
import dev.hearth.driver.api.DeviceEvent;
import dev.hearth.protocols.cloud.v1.CommandReply;
import java.util.Optional;

/**
 * {@code read_state}: a device's current state for a user holding VIEW on it, after the privacy
 * filter, exactly as it would go up on the state topic (what the filter drops is not in the reply).
 * Data: {@code {"device", "model", "status", "updated_ms", "properties": {key: value}}}.
 */
final class StateReads {
    private final HomeParts parts;

    StateReads(HomeParts parts) {
        this.parts = parts;
    }

    CommandReply read(VerifiedCommand c) {
        if (c.device().isEmpty()) return Replies.invalid("no_device", "read_state needs a device");
        Decision d = parts.access().decide(c.user(), new DeviceScope(c.device()), Operation.READ_STATE);
        if (!d.allowed()) return Replies.forbidden(d);
        Optional<DeviceRecord> record = parts.registry().find(c.device());
        if (record.isEmpty()) {
            return Replies.refused(CommandReply.Status.UNKNOWN_DEVICE, "unknown_device", "no device " + c.device());
        }
        DeviceRecord r = record.get();
        ObjectNode data = Replies.object()
                .put("device", r.id())
                .put("model", r.model())
                .put("status", r.availability().status().name())
                .put("updated_ms", r.lastSeen().toEpochMilli());
        ObjectNode properties = data.putObject("properties");
        if (!r.state().isEmpty()) {
            parts.privacy().filter(r.id(), parts.models().find(r.model()), new DeviceEvent.StateReported(r.state(), r.lastSeen()))
                    .ifPresent(f -> f.values().forEach((k, v) -> properties.set(k, ValueJson.toJson(v))));
        }
        return Replies.ok(data);
    }
}
