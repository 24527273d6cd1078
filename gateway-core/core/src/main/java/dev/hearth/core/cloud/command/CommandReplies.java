package dev.hearth.core.cloud.command;

import dev.hearth.core.cloud.command.DeviceCommandResult.Completed;
import dev.hearth.core.cloud.command.DeviceCommandResult.Failed;
import dev.hearth.driver.api.CommandFailure;
import dev.hearth.driver.api.CommandOutcome;
import dev.hearth.protocols.cloud.v1.CommandReply;
import dev.hearth.protocols.cloud.v1.CommandReply.Status;
import dev.hearth.protocols.cloud.v1.ItemResult;
import java.util.concurrent.CompletionException;

/** Builds CommandReply messages. */
final class CommandReplies {
    private CommandReplies() {
    }

    static CommandReply refused(GateResult.Refused r) {
        return of(r.requestId(), r.status(), r.reasonCode(), r.message());
    }

    static CommandReply of(String requestId, Status status, String reasonCode, String message) {
        return CommandReply.newBuilder().setSchemaVersion(1).setRequestId(requestId).setStatus(status)
                .setReasonCode(reasonCode).setMessage(message).build();
    }

    static CommandReply fromResult(String requestId, DeviceCommandResult result) {
        if (result instanceof Failed f) {
            return of(requestId, status(f.failure()), f.failure().name().toLowerCase(), f.message());
        }
        CommandOutcome outcome = ((Completed) result).outcome();
        var b = CommandReply.newBuilder().setSchemaVersion(1).setRequestId(requestId)
                .setStatus(outcome.succeeded() ? Status.OK : Status.DEVICE_ERROR)
                .setReasonCode(outcome.succeeded() ? "" : "device_error");
        for (CommandOutcome.Item item : outcome.items()) {
            var ib = ItemResult.newBuilder().setKey(item.key()).setCode(item.code()).setMessage(item.message());
            item.value().ifPresent(v -> ib.setValue(ProtoValues.toProto(v)));
            b.addItems(ib);
        }
        return b.build();
    }

    static CommandReply fromException(String requestId, Throwable t) {
        Throwable e = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (e instanceof CommandFailure f) {
            Status s = switch (f.code()) {
                case DEVICE_OFFLINE -> Status.DEVICE_OFFLINE;
                case DEVICE_TIMEOUT -> Status.DEVICE_TIMEOUT;
                case INVALID_ARGUMENT -> Status.INVALID_ARGUMENT;
                case BUSY -> Status.BUSY;
            };
            return of(requestId, s, f.code().name().toLowerCase(), String.valueOf(f.getMessage()));
        }
        return of(requestId, Status.INTERNAL, "internal", "the gateway failed to carry out the command");
    }

    private static Status status(DeviceCommandResult.Failure f) {
        return switch (f) {
            case UNKNOWN_DEVICE -> Status.UNKNOWN_DEVICE;
            case DEVICE_OFFLINE -> Status.DEVICE_OFFLINE;
            case DEVICE_TIMEOUT -> Status.DEVICE_TIMEOUT;
            case INVALID_ARGUMENT -> Status.INVALID_ARGUMENT;
            case BUSY -> Status.BUSY;
            case DRIVER_ERROR -> Status.DEVICE_ERROR;
        };
    }
}
