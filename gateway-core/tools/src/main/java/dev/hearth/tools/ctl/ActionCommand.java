package dev.hearth.tools.ctl;

import dev.hearth.core.cloud.command.ProtoValues;
import dev.hearth.protocols.cloud.v1.InvokeActionOp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ctl action DEVICE siid.aiid [ARGS] --as USER}. */
@Command(name = "action", mixinStandardHelpOptions = true, description = "Run a device action with a signed command and print the reply.")
final class ActionCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CtlOptions options;

    @Parameters(index = "0", description = "device id")
    String device;

    @Parameters(index = "1", description = "siid.aiid")
    String action;

    @Parameters(index = "2..*", arity = "0..*", description = "positional arguments (true/false, a number, or text)")
    List<String> args = new ArrayList<>();

    @Option(names = "--as", required = true, description = "the user the command is for")
    String user;

    @Override
    public Integer call() {
        if (!action.matches("\\d{1,5}\\.\\d{1,5}")) {
            spec.commandLine().getErr().println("not siid.aiid: \"" + action + "\"");
            return 2;
        }
        var op = InvokeActionOp.newBuilder().setAction(action);
        args.forEach(a -> op.addArgs(ProtoValues.toProto(ProtoValues.parse(a))));
        return SignedRequest.run(spec, options, user, device, b -> b.setInvokeAction(op));
    }
}
