package dev.hearth.tools.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.core.home.DisplayNames;
import dev.hearth.protocols.cloud.v1.CommandReply;
import dev.hearth.protocols.cloud.v1.ListRoomsOp;
import dev.hearth.protocols.cloud.v1.Scope;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Turns what a person types into ids: a room by id or by name (looked up with list_rooms as the
 * same user, names compared as the gateway does), and a share target ({@code home},
 * {@code room:X}, {@code device:X}, or a bare word: a room if one has that id or name, else a device).
 */
final class Targets {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Targets() {
    }

    /** The id of the room {@code idOrName} names; the text itself when no room matches (the gateway then says so). */
    static String roomId(SignedRequest request, String user, String idOrName)
            throws MqttException, ExecutionException, TimeoutException, InterruptedException {
        return findRoom(request, user, idOrName).orElse(idOrName);
    }

    static Scope scope(SignedRequest request, String user, String target)
            throws MqttException, ExecutionException, TimeoutException, InterruptedException {
        if (target.equals("home")) return Scope.newBuilder().setHome(true).build();
        if (target.startsWith("device:")) return Scope.newBuilder().setDevice(target.substring("device:".length())).build();
        if (target.startsWith("room:")) return Scope.newBuilder().setRoomId(roomId(request, user, target.substring("room:".length()))).build();
        Optional<String> room = findRoom(request, user, target);
        return room.map(id -> Scope.newBuilder().setRoomId(id).build())
                .orElseGet(() -> Scope.newBuilder().setDevice(target).build());
    }

    private static Optional<String> findRoom(SignedRequest request, String user, String idOrName)
            throws MqttException, ExecutionException, TimeoutException, InterruptedException {
        CommandReply reply = request.send(user, "", b -> b.setListRooms(ListRoomsOp.getDefaultInstance()));
        if (reply.getStatus() != CommandReply.Status.OK) return Optional.empty();
        JsonNode rooms;
        try {
            rooms = JSON.readTree(reply.getData().toByteArray()).path("rooms");
        } catch (IOException e) {
            return Optional.empty();
        }
        for (JsonNode r : rooms) {
            if (r.path("id").asText().equals(idOrName)) return Optional.of(idOrName);
        }
        String key = DisplayNames.key(idOrName);
        for (JsonNode r : rooms) {
            if (DisplayNames.key(r.path("name").asText()).equals(key)) return Optional.of(r.path("id").asText());
        }
        return Optional.empty();
    }
}
