package dev.hearth.tools.ctl;

import dev.hearth.protocols.cloud.v1.CreateRoomOp;
import dev.hearth.protocols.cloud.v1.DeleteRoomOp;
import dev.hearth.protocols.cloud.v1.RenameRoomOp;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ctl room create NAME | rename ROOM NAME | delete ROOM}; ROOM is a room id or name. */
@Command(name = "room", description = "Create, rename or delete a room.",
        subcommands = {RoomCommand.Create.class, RoomCommand.Rename.class, RoomCommand.Delete.class})
final class RoomCommand {

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a room (needs MANAGE on the home).")
    static final class Create implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin CtlOptions options;
        @Mixin UserOption as;

        @Parameters(index = "0", paramLabel = "NAME", description = "the room's name")
        String name;

        @Override
        public Integer call() {
            return SignedRequest.run(spec, options, as.user, "", b -> b.setCreateRoom(CreateRoomOp.newBuilder().setName(name)));
        }
    }

    @Command(name = "rename", mixinStandardHelpOptions = true, description = "Rename a room (needs MANAGE on it).")
    static final class Rename implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin CtlOptions options;
        @Mixin UserOption as;

        @Parameters(index = "0", paramLabel = "ROOM", description = "the room's id or name")
        String room;

        @Parameters(index = "1", paramLabel = "NAME", description = "the new name")
        String name;

        @Override
        public Integer call() {
            return SignedRequest.converse(spec, options, r -> {
                String id = Targets.roomId(r, as.user, room);
                return r.print(r.send(as.user, "", b -> b.setRenameRoom(RenameRoomOp.newBuilder().setRoomId(id).setName(name))));
            });
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a room; its devices become unassigned (needs MANAGE on it).")
    static final class Delete implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin CtlOptions options;
        @Mixin UserOption as;

        @Parameters(index = "0", paramLabel = "ROOM", description = "the room's id or name")
        String room;

        @Override
        public Integer call() {
            return SignedRequest.converse(spec, options, r -> {
                String id = Targets.roomId(r, as.user, room);
                return r.print(r.send(as.user, "", b -> b.setDeleteRoom(DeleteRoomOp.newBuilder().setRoomId(id))));
            });
        }
    }
}
