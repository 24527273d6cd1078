package dev.hearth.tools.ctl;

import dev.hearth.protocols.cloud.v1.ListRoomsOp;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ctl rooms --as USER}: the rooms and devices the user can reach. */
@Command(name = "rooms", mixinStandardHelpOptions = true, description = "List the rooms (and their devices) the user can reach.")
final class RoomsCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CtlOptions options;
    @Mixin UserOption as;

    @Override
    public Integer call() {
        return SignedRequest.run(spec, options, as.user, "", b -> b.setListRooms(ListRoomsOp.getDefaultInstance()));
    }
}
