package dev.hearth.tools.ctl;

import dev.hearth.protocols.cloud.v1.AssignDeviceOp;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ctl assign DEVICE ROOM} (or {@code --none}): moves a device into a room, or out of every room. */
@Command(name = "assign", mixinStandardHelpOptions = true,
        description = "Put a device in a room (needs MANAGE on the device and the room), or with --none take it out of any room.")
final class AssignCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CtlOptions options;
    @Mixin UserOption as;

    @Parameters(index = "0", paramLabel = "DEVICE", description = "device id")
    String device;

    @Parameters(index = "1", arity = "0..1", paramLabel = "ROOM", description = "the room's id or name")
    String room;

    @Option(names = "--none", description = "unassign the device")
    boolean none;

    @Override
    public Integer call() {
        if ((room == null) == !none) {
            spec.commandLine().getErr().println("give either a ROOM or --none");
            return 2;
        }
        return SignedRequest.converse(spec, options, r -> {
            String id = none ? "" : Targets.roomId(r, as.user, room);
            return r.print(r.send(as.user, device, b -> b.setAssignDevice(AssignDeviceOp.newBuilder().setRoomId(id))));
        });
    }
}
