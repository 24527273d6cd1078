package dev.hearth.core.cloud.command;

import com.google.protobuf.ByteString;
import dev.hearth.driver.api.value.Value;
import dev.hearth.protocols.cloud.CommandDecoder;
import dev.hearth.protocols.cloud.v1.CommandBody;
import dev.hearth.protocols.cloud.v1.CommandReply;
import dev.hearth.protocols.cloud.v1.InvokeActionOp;
import dev.hearth.protocols.cloud.v1.Property;
import dev.hearth.protocols.cloud.v1.SetPropertiesOp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The local API's authenticator for device commands: the HTTP server has already checked the API
 * token, and whoever holds it acts as the home owner (DESIGN.md section 6). No signature, nonce or
 * expiry is needed on loopback; from here on a local command is a {@link VerifiedCommand} of origin
 * LOCAL, for the owner, and takes exactly the cloud's path through the {@link CommandExecutor}:
 * the access policy decides and audits, the metrics count it. Call only after the token check.
 */
public final class LocalCommands {
    static final String KEY_ID = "local-api";

    private final CommandExecutor executor;
    private final String home;
    private final String gateway;
    private final Supplier<String> owner;
    private final Clock clock;
    private final Duration validity;
    private final AtomicLong sequence = new AtomicLong();

    /** @param owner the home owner's user id, read at every command (the owner can change) */
    public LocalCommands(CommandExecutor executor, String home, String gateway, Supplier<String> owner, Clock clock, Duration validity) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.home = Objects.requireNonNull(home, "home");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.validity = Objects.requireNonNull(validity, "validity");
    }

    /** Sets properties on {@code device} as the owner; the stage completes with the reply, never exceptionally. */
    public CompletionStage<CommandReply> setProperties(String device, Map<String, Value> values) {
        var op = SetPropertiesOp.newBuilder();
        values.forEach((k, v) -> op.addValues(Property.newBuilder().setKey(k).setValue(ProtoValues.toProto(v))));
        return submit(body(device).setSetProperties(op).build());
    }

    /** Runs {@code action} ("siid.aiid") on {@code device} as the owner. */
    public CompletionStage<CommandReply> invokeAction(String device, String action, List<Value> args) {
        var op = InvokeActionOp.newBuilder().setAction(action);
        args.forEach(a -> op.addArgs(ProtoValues.toProto(a)));
        return submit(body(device).setInvokeAction(op).build());
    }

    private CompletionStage<CommandReply> submit(CommandBody body) {
        var command = new VerifiedCommand(body, VerifiedCommand.Origin.LOCAL, KEY_ID);
        // the local API answers the owner on loopback: no reply filter, the reply as the path made it
        return executor.submit(VerifiedCommand.Origin.LOCAL, () -> new GateResult.Accepted(command))
                .thenApply(CommandExecutor.Outcome::reply);
    }

    private CommandBody.Builder body(String device) {
        long now = clock.millis();
        long n = sequence.incrementAndGet();
        return CommandBody.newBuilder()
                .setSchemaVersion(CommandDecoder.SCHEMA_VERSION)
                .setRequestId("local-" + n)
                .setUser(owner.get())
                .setHome(home)
                .setGateway(gateway)
                .setDevice(device)
                .setIssuedAtMs(now)
                .setExpiresAtMs(now + validity.toMillis())
                // not checked locally (the token authenticated the caller); set so the body is well formed
                .setNonce(ByteString.copyFromUtf8("local-" + Long.toHexString(now) + "-" + n));
    }
}
