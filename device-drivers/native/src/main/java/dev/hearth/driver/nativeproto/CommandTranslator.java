package dev.hearth.driver.nativeproto;

import dev.hearth.driver.api.CommandFailure;
import dev.hearth.driver.api.DeviceCommand;
import dev.hearth.driver.api.model.ArgSpec;
import dev.hearth.driver.api.model.DeviceModel;
import dev.hearth.driver.api.model.PropertySpec;
import dev.hearth.driver.api.model.ValueConstraints;
import dev.hearth.driver.api.model.ValueType;
import dev.hearth.driver.api.value.Value;
import dev.hearth.protocols.lan.LanValues;
import dev.hearth.protocols.lan.v1.Command;
import dev.hearth.protocols.lan.v1.InvokeAction;
import dev.hearth.protocols.lan.v1.PropertyValue;
import dev.hearth.protocols.lan.v1.SetProperties;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a {@link DeviceCommand} against the device's model and turns it into a lan.proto
 * {@link Command} (without its id, which the session assigns). A command that does not fit the
 * model never reaches the device.
 */
final class CommandTranslator {
    private final Optional<DeviceModel> model;
    private final String modelId;

    CommandTranslator(String modelId, Optional<DeviceModel> model) {
        this.modelId = modelId;
        this.model = model;
    }

    /** The wire command, or throws {@link CommandFailure} with INVALID_ARGUMENT and the reason. */
    Command.Builder translate(DeviceCommand command) {
        DeviceModel m = model.orElseThrow(() -> invalid("model " + modelId + " is not known to this gateway"));
        if (command instanceof DeviceCommand.SetProperties set) {
            return Command.newBuilder().setSetProperties(setProperties(m, set.values()));
        }
        DeviceCommand.InvokeAction invoke = (DeviceCommand.InvokeAction) command;
        return Command.newBuilder().setInvokeAction(invokeAction(m, invoke));
    }

    private static SetProperties setProperties(DeviceModel m, Map<String, Value> values) {
        SetProperties.Builder set = SetProperties.newBuilder();
        for (Map.Entry<String, Value> e : values.entrySet()) {
            DeviceModel.PropertyRef ref = m.property(e.getKey())
                    .orElseThrow(() -> invalid("unknown property " + e.getKey() + " for model " + m.model()));
            PropertySpec p = ref.property();
            String label = "property " + ref.key() + " (" + p.name() + ")";
            if (!p.writable()) throw invalid(label + " is read-only");
            ValueConstraints.violation(p.type(), p.range(), e.getValue()).ifPresent(why -> {
                throw invalid(label + ": " + why);
            });
            set.addValues(PropertyValue.newBuilder()
                    .setSiid(ref.service().siid())
                    .setPiid(p.piid())
                    .setValue(LanValues.toLan(widen(p.type(), e.getValue()))));
        }
        return set.build();
    }

    private static InvokeAction invokeAction(DeviceModel m, DeviceCommand.InvokeAction invoke) {
        DeviceModel.ActionRef ref = m.action(invoke.action())
                .orElseThrow(() -> invalid("unknown action " + invoke.action() + " for model " + m.model()));
        List<ArgSpec> in = ref.action().in();
        String label = "action " + ref.key() + " (" + ref.action().name() + ")";
        if (invoke.args().size() != in.size()) {
            throw invalid(label + " takes " + in.size() + " argument(s), got " + invoke.args().size());
        }
        InvokeAction.Builder b = InvokeAction.newBuilder().setSiid(ref.service().siid()).setAiid(ref.action().aiid());
        for (int i = 0; i < in.size(); i++) {
            ArgSpec spec = in.get(i);
            Value arg = invoke.args().get(i);
            ValueConstraints.violation(spec.type(), Optional.empty(), arg).ifPresent(why -> {
                throw invalid(label + " argument " + spec.name() + ": " + why);
            });
            b.addArgs(LanValues.toLan(widen(spec.type(), arg)));
        }
        return b.build();
    }

    /** A float property set with an integer goes out as a double, as the device expects. */
    private static Value widen(ValueType type, Value v) {
        return type == ValueType.FLOAT && v instanceof Value.Int i ? new Value.Real(i.value()) : v;
    }

    private static CommandFailure invalid(String reason) {
        return new CommandFailure(CommandFailure.Code.INVALID_ARGUMENT, reason);
    }
}
