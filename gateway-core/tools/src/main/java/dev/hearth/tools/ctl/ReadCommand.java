package dev.hearth.tools.ctl;

import dev.hearth.protocols.cloud.v1.ReadStateOp;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ctl read DEVICE --as USER}: the device's current state, as the privacy filter lets it leave. */
@Command(name = "read", mixinStandardHelpOptions = true, description = "Read a device's current (filtered) state (needs VIEW).")
final class ReadCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CtlOptions options;
    @Mixin UserOption as;

    @Parameters(index = "0", paramLabel = "DEVICE", description = "device id")
    String device;

    @Override
    public Integer call() {
        return SignedRequest.run(spec, options, as.user, device, b -> b.setReadState(ReadStateOp.getDefaultInstance()));
    }
}
