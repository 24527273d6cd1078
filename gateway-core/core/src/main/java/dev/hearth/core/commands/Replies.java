package dev.hearth.core.commands;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import dev.hearth.core.access.Decision;
import dev.hearth.protocols.cloud.v1.CommandReply;
import dev.hearth.protocols.cloud.v1.CommandReply.Status;
import java.util.Locale;

/**
 * The replies of the home commands. Refusals carry a machine-readable reason code and a reason for
 * people; an access refusal uses the decision's code in lower case (as the device-command
 * authorizer does) and its reason, e.g. {@code user u2 has VIEW on room "Bedroom" via share s7;
 * set_properties needs OPERATE}. The request id is filled in by the command service.
 */
final class Replies {
    static final ObjectMapper JSON = new ObjectMapper();

    private Replies() {
    }

    static CommandReply ok(ObjectNode data) {
        try {
            return CommandReply.newBuilder().setStatus(Status.OK)
                    .setData(ByteString.copyFrom(JSON.writeValueAsBytes(data))).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the reply's JSON: " + e.getMessage(), e);
        }
    }

    static CommandReply refused(Status status, String reasonCode, String message) {
        return CommandReply.newBuilder().setStatus(status).setReasonCode(reasonCode).setMessage(message).build();
    }

    static CommandReply forbidden(Decision d) {
        return refused(Status.FORBIDDEN, code(d.code()), d.reason());
    }

    static CommandReply invalid(String reasonCode, String message) {
        return refused(Status.INVALID_ARGUMENT, reasonCode, message);
    }

    static String code(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }
}
