package dev.hearth.core.commands;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.core.access.Decision;
import dev.hearth.core.access.DeviceScope;
import dev.hearth.core.access.HomeScope;
import dev.hearth.core.access.Operation;
import dev.hearth.core.access.RoomScope;
import dev.hearth.core.access.Scope;
import dev.hearth.core.access.Share;
import dev.hearth.core.cloud.command.VerifiedCommand;
import dev.hearth.core.home.DisplayNames;
import dev.hearth.core.home.Room;
import dev.hearth.core.home.RoomResult;
import dev.hearth.core.registry.DeviceRecord;
import dev.hearth.core.trust.TrustBook;
import dev.hearth.protocols.cloud.v1.CommandReply;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Rooms and device placement: {@code create_room} (MANAGE on the home), {@code rename_room} and
 * {@code delete_room} (MANAGE on the room), {@code assign_device} (MANAGE on the device, and on
 * the destination room: moving a device into a room gives that room's grantees access to it),
 * {@code rename_device} (MANAGE on the device), and {@code list_rooms}.
 *
 * <p>{@code list_rooms} shows a user what they can reach and nothing more: the owner and holders
 * of a home share see every room and device; others see the rooms they hold a share on (with all
 * of their devices) and the rooms of the devices they hold a device share on (with those devices).
 * A user with no live share is refused. Only ACCEPTED, unexpired shares count. With
 * {@code trust: users} the same, from the user's signed grants by the chain rule (KeyPrivileges).
 */
final class RoomCommands {
    private final HomeParts parts;
    private final Optional<TrustBook> keys;

    RoomCommands(HomeParts parts) {
        this(parts, Optional.empty());
    }

    /** With {@code trust: users}: list_rooms shows what the user's signed grants reach (the chain rule), not the cloud-era shares. */
    RoomCommands(HomeParts parts, Optional<TrustBook> keys) {
        this.parts = parts;
        this.keys = keys;
    }

    CommandReply create(VerifiedCommand c) {
        Decision d = parts.access().decide(c.user(), Scope.HOME, Operation.EDIT_ROOM);
        if (!d.allowed()) return Replies.forbidden(d);
        return roomDone(parts.rooms().create(c.body().getCreateRoom().getName()));
    }

    CommandReply rename(VerifiedCommand c) {
        String roomId = c.body().getRenameRoom().getRoomId();
        if (roomId.isBlank()) return Replies.invalid("no_room", "rename_room needs a room_id");
        Decision d = parts.access().decide(c.user(), new RoomScope(roomId), Operation.EDIT_ROOM);
        if (!d.allowed()) return Replies.forbidden(d);
        return roomDone(parts.rooms().rename(roomId, c.body().getRenameRoom().getName()));
    }

    CommandReply delete(VerifiedCommand c) {
        String roomId = c.body().getDeleteRoom().getRoomId();
        if (roomId.isBlank()) return Replies.invalid("no_room", "delete_room needs a room_id");
        Decision d = parts.access().decide(c.user(), new RoomScope(roomId), Operation.EDIT_ROOM);
        if (!d.allowed()) return Replies.forbidden(d);
        return roomDone(parts.rooms().delete(roomId));
    }

    CommandReply assign(VerifiedCommand c) {
        if (c.device().isEmpty()) return Replies.invalid("no_device", "assign_device needs a device");
        Decision d = parts.access().decide(c.user(), new DeviceScope(c.device()), Operation.ASSIGN_DEVICE);
        if (!d.allowed()) return Replies.forbidden(d);
        String roomId = c.body().getAssignDevice().getRoomId();
        Optional<String> target = roomId.isBlank() ? Optional.empty() : Optional.of(roomId);
        if (target.isPresent()) {
            if (parts.rooms().find(roomId).isEmpty()) return Replies.invalid("no_such_room", "there is no room " + roomId);
            Decision into = parts.access().decide(c.user(), new RoomScope(roomId), Operation.EDIT_ROOM);
            if (!into.allowed()) return Replies.forbidden(into);
        }
        parts.registry().assign(c.device(), target);
        parts.registryChanged().run();
        return Replies.ok(device(parts.registry().find(c.device()).orElseThrow()));
    }

    CommandReply renameDevice(VerifiedCommand c) {
        if (c.device().isEmpty()) return Replies.invalid("no_device", "rename_device needs a device");
        Decision d = parts.access().decide(c.user(), new DeviceScope(c.device()), Operation.RENAME_DEVICE);
        if (!d.allowed()) return Replies.forbidden(d);
        String name = c.body().getRenameDevice().getName();
        Optional<String> problem = DisplayNames.problem(name);
        if (problem.isPresent()) return Replies.invalid("invalid_name", problem.get());
        parts.registry().rename(c.device(), DisplayNames.clean(name));
        parts.registryChanged().run();
        return Replies.ok(device(parts.registry().find(c.device()).orElseThrow()));
    }

    CommandReply list(VerifiedCommand c) {
        if (keys.isPresent()) return listByKeys(c.user(), keys.get());
        Instant now = parts.clock().instant();
        String user = c.user();
        boolean everything = user.equals(parts.home().owner());
        Set<String> wholeRooms = new HashSet<>();
        Set<String> singleDevices = new HashSet<>();
        boolean anyShare = false;
        for (Share s : parts.shares().ofGrantee(user)) {
            if (!s.grantsAt(now)) continue;
            anyShare = true;
            if (s.scope() instanceof HomeScope) everything = true;
            else if (s.scope() instanceof RoomScope r) wholeRooms.add(r.roomId());
            else if (s.scope() instanceof DeviceScope dev) singleDevices.add(dev.deviceId());
        }
        if (!everything && !anyShare) return noAccess(user);
        return Replies.ok(listing(everything, wholeRooms::contains, singleDevices::contains));
    }

    /** list_rooms under trust: users: the home, a room, a device as the user's grants reach them now (floored time). */
    private CommandReply listByKeys(String user, TrustBook t) {
        Instant now = t.clock().instant();
        var p = t.privileges();
        boolean everything = p.highest(user, Scope.HOME, now).isPresent();
        ObjectNode data = listing(everything, room -> p.highest(user, new RoomScope(room), now).isPresent(),
                device -> p.highest(user, new DeviceScope(device), now).isPresent());
        if (!everything && data.path("rooms").isEmpty() && data.path("unassigned").isEmpty()) return noAccess(user);
        return Replies.ok(data);
    }

    private static CommandReply noAccess(String user) {
        return Replies.refused(CommandReply.Status.FORBIDDEN, "no_access", "user " + user + " has no access to anything in this home");
    }

    private ObjectNode listing(boolean everything, Predicate<String> wholeRoom, Predicate<String> device) {
        List<DeviceRecord> devices = parts.registry().all();
        ObjectNode data = Replies.object();
        ArrayNode rooms = data.putArray("rooms");
        for (Room room : parts.rooms().list()) {
            boolean whole = everything || wholeRoom.test(room.id());
            List<DeviceRecord> inRoom = devices.stream()
                    .filter(dev -> dev.roomId().filter(room.id()::equals).isPresent())
                    .filter(dev -> whole || device.test(dev.id()))
                    .toList();
            if (!whole && inRoom.isEmpty()) continue;
            ObjectNode r = rooms.addObject().put("id", room.id()).put("name", room.name());
            ArrayNode ids = r.putArray("devices");
            inRoom.forEach(dev -> ids.add(dev.id()));
        }
        ArrayNode unassigned = data.putArray("unassigned");
        devices.stream().filter(dev -> dev.roomId().isEmpty())
                .filter(dev -> everything || device.test(dev.id()))
                .forEach(dev -> unassigned.add(dev.id()));
        return data;
    }

    private CommandReply roomDone(RoomResult result) {
        if (result instanceof RoomResult.Refused r) {
            return r.code() == RoomResult.Refusal.NO_FREE_ID
                    ? Replies.refused(CommandReply.Status.INTERNAL, Replies.code(r.code()), r.reason())
                    : Replies.invalid(Replies.code(r.code()), r.reason());
        }
        RoomResult.Done done = (RoomResult.Done) result;
        parts.registryChanged().run();
        ObjectNode data = Replies.object().put("id", done.room().id()).put("name", done.room().name());
        ArrayNode moved = data.putArray("unassigned_devices");
        done.unassignedDevices().forEach(moved::add);
        return Replies.ok(data);
    }

    private static ObjectNode device(DeviceRecord d) {
        return Replies.object().put("device", d.id()).put("name", d.name()).put("room_id", d.roomId().orElse(""));
    }
}
