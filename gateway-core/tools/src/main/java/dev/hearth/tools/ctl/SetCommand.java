package dev.hearth.tools.ctl;

import dev.hearth.core.cloud.command.ProtoValues;
import dev.hearth.protocols.cloud.v1.Property;
import dev.hearth.protocols.cloud.v1.SetPropertiesOp;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ctl set DEVICE siid.piid=VALUE ... --as USER}. */
@Command(name = "set", mixinStandardHelpOptions = true, description = "Set device properties with a signed command and print the reply.")
final class SetCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CtlOptions options;

    @Parameters(index = "0", description = "device id")
    String device;

    @Parameters(index = "1..*", arity = "1..*", description = "siid.piid=VALUE (true/false, a number, or text)")
    List<String> assignments;

    @Option(names = "--as", required = true, description = "the user the command is for")
    String user;

    @Override
    public Integer call() {
        var op = SetPropertiesOp.newBuilder();
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0 || !a.substring(0, eq).matches("\\d{1,5}\\.\\d{1,5}")) {
                spec.commandLine().getErr().println("not siid.piid=VALUE: \"" + a + "\"");
                return 2;
            }
            op.addValues(Property.newBuilder().setKey(a.substring(0, eq)).setValue(ProtoValues.toProto(ProtoValues.parse(a.substring(eq + 1)))));
        }
        return SignedRequest.run(spec, options, user, device, b -> b.setSetProperties(op));
    }
}
