package dev.hearth.protocols.cloud;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import dev.hearth.protocols.cloud.v1.AssignDeviceOp;
import dev.hearth.protocols.cloud.v1.Availability;
import dev.hearth.protocols.cloud.v1.CommandBody;
import dev.hearth.protocols.cloud.v1.CommandReply;
import dev.hearth.protocols.cloud.v1.CreateRoomOp;
import dev.hearth.protocols.cloud.v1.CreateShareOp;
import dev.hearth.protocols.cloud.v1.DeleteRoomOp;
import dev.hearth.protocols.cloud.v1.DeviceEventRecord;
import dev.hearth.protocols.cloud.v1.DeviceState;
import dev.hearth.protocols.cloud.v1.EraseUserDataOp;
import dev.hearth.protocols.cloud.v1.ExportUserDataOp;
import dev.hearth.protocols.cloud.v1.GatewayStatus;
import dev.hearth.protocols.cloud.v1.InvokeActionOp;
import dev.hearth.protocols.cloud.v1.ItemResult;
import dev.hearth.protocols.cloud.v1.ListRoomsOp;
import dev.hearth.protocols.cloud.v1.ListSharesOp;
import dev.hearth.protocols.cloud.v1.Privilege;
import dev.hearth.protocols.cloud.v1.Property;
import dev.hearth.protocols.cloud.v1.ReadStateOp;
import dev.hearth.protocols.cloud.v1.Registry;
import dev.hearth.protocols.cloud.v1.RegistryDevice;
import dev.hearth.protocols.cloud.v1.RenameDeviceOp;
import dev.hearth.protocols.cloud.v1.RenameRoomOp;
import dev.hearth.protocols.cloud.v1.RespondShareOp;
import dev.hearth.protocols.cloud.v1.RevokeShareOp;
import dev.hearth.protocols.cloud.v1.Room;
import dev.hearth.protocols.cloud.v1.Scope;
import dev.hearth.protocols.cloud.v1.SetPropertiesOp;
import dev.hearth.protocols.cloud.v1.SetUxConsentOp;
import dev.hearth.protocols.cloud.v1.ShareStatus;
import dev.hearth.protocols.cloud.v1.SignedCommand;
import dev.hearth.protocols.cloud.v1.Telemetry;
import dev.hearth.protocols.cloud.v1.Value;
import dev.hearth.protocols.cloud.v1.ValueStruct;
import dev.hearth.protocols.cloud.v1.WithdrawConsentOp;
import dev.hearth.protocols.lan.LanSamples;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Sample cloud payloads built in code; the golden fixtures are their bytes. */
public final class CloudSamples {

    static final long AT = 1_767_225_600_000L;
    static final int V = CloudPayloads.SCHEMA_VERSION;

    private CloudSamples() {
    }

    /** Fixture name to upward message (everything but the signed commands), in a stable order. */
    public static Map<String, Message> upward() {
        Map<String, Message> m = new LinkedHashMap<>();
        m.put("gateway_status", GatewayStatus.newBuilder().setSchemaVersion(V).setState(GatewayStatus.State.ONLINE)
                .setSession(3).setAtMs(AT).setVersion("0.1.0").build());
        m.put("device_state", DeviceState.newBuilder().setSchemaVersion(V).setDevice("lamp-1f2e").setModel("hearth.light.lamp1")
                .addProperties(property("2.1", Value.newBuilder().setBoolValue(true)))
                .addProperties(property("2.2", Value.newBuilder().setIntValue(80)))
                .addProperties(property("3.1", Value.newBuilder().setStructValue(ValueStruct.newBuilder()
                        .putFields("r", Value.newBuilder().setIntValue(255).build())
                        .putFields("g", Value.newBuilder().setIntValue(128).build()))))
                .setUpdatedMs(AT + 5).build());
        m.put("availability", Availability.newBuilder().setSchemaVersion(V).setDevice("lamp-1f2e")
                .setStatus(Availability.Status.OFFLINE).setReason("HEARTBEAT_TIMEOUT").setSinceMs(AT - 30_000)
                .setSession(4).setDamped(true).build());
        m.put("telemetry_changes", Telemetry.newBuilder().setSchemaVersion(V).setDevice("lamp-1f2e").setId(1001).setAtMs(AT)
                .addChanges(property("2.2", Value.newBuilder().setIntValue(60)))
                .addChanges(property("3.2", Value.newBuilder().setDoubleValue(21.5))).build());
        m.put("telemetry_event", Telemetry.newBuilder().setSchemaVersion(V).setDevice("lock-77aa").setId(1002).setAtMs(AT)
                .setEvent(DeviceEventRecord.newBuilder().setKey("5.1").setName("unlocked")
                        .putArgs("method", Value.newBuilder().setStringValue("fingerprint").build())
                        .putArgs("user", Value.newBuilder().setStringValue("p-3fa9c1").build())).build());
        m.put("registry", Registry.newBuilder().setSchemaVersion(V).setHome("home-1")
                .addRooms(Room.newBuilder().setId("r-living").setName("Living room"))
                .addRooms(Room.newBuilder().setId("r-bed").setName("卧室"))
                .addDevices(RegistryDevice.newBuilder().setId("lamp-1f2e").setName("Bedside lamp").setModel("hearth.light.lamp1")
                        .setProtocol("native").setRoomId("r-bed").setStatus(Availability.Status.ONLINE)
                        .setShare(ShareStatus.newBuilder().setSharedWith(2).addSharedBy("p-3fa9c1")))
                .addDevices(RegistryDevice.newBuilder().setId("plug-0042").setName("Kettle plug").setModel("chuangmi.plug.m1")
                        .setProtocol("miio").setStatus(Availability.Status.OFFLINE).setReason("NO_RESPONSE")
                        .setShare(ShareStatus.getDefaultInstance()))
                .setUpdatedMs(AT).build());
        m.put("command_reply", CommandReply.newBuilder().setSchemaVersion(V).setRequestId("req-0001")
                .setStatus(CommandReply.Status.OK).setReasonCode("ok").setMessage("done")
                .addItems(ItemResult.newBuilder().setKey("2.1").setCode(0).setValue(Value.newBuilder().setBoolValue(false)))
                .addItems(ItemResult.newBuilder().setKey("2.2").setCode(-4004).setMessage("value out of range"))
                .setData(ByteString.copyFrom("{\"rooms\":[]}", StandardCharsets.UTF_8)).build());
        return m;
    }

    /** Fixture name ("signed_command_" + operation) to the body of a signed command, one per operation kind. */
    public static Map<String, CommandBody> commandBodies() {
        Map<String, CommandBody> m = new LinkedHashMap<>();
        put(m, "set_properties", b -> b.setSetProperties(SetPropertiesOp.newBuilder()
                .addValues(property("2.1", Value.newBuilder().setBoolValue(true)))
                .addValues(property("2.2", Value.newBuilder().setIntValue(40)))));
        put(m, "invoke_action", b -> b.setInvokeAction(InvokeActionOp.newBuilder().setAction("2.1")
                .addArgs(Value.newBuilder().setIntValue(5))));
        put(m, "read_state", b -> b.setReadState(ReadStateOp.getDefaultInstance()));
        put(m, "create_room", b -> b.clearDevice().setCreateRoom(CreateRoomOp.newBuilder().setName("Study")));
        put(m, "rename_room", b -> b.clearDevice().setRenameRoom(RenameRoomOp.newBuilder().setRoomId("r-bed").setName("Guest room")));
        put(m, "delete_room", b -> b.clearDevice().setDeleteRoom(DeleteRoomOp.newBuilder().setRoomId("r-bed")));
        put(m, "assign_device", b -> b.setAssignDevice(AssignDeviceOp.newBuilder().setRoomId("r-living")));
        put(m, "rename_device", b -> b.setRenameDevice(RenameDeviceOp.newBuilder().setName("Reading lamp")));
        put(m, "create_share", b -> b.clearDevice().setCreateShare(CreateShareOp.newBuilder()
                .setScope(Scope.newBuilder().setRoomId("r-bed")).setGrantee("u-guest")
                .setPrivilege(Privilege.OPERATE).setExpiresAtMs(AT + 86_400_000L)));
        put(m, "respond_share", b -> b.clearDevice().setUser("u-guest").setRespondShare(RespondShareOp.newBuilder().setShareId("s-7").setAccept(true)));
        put(m, "revoke_share", b -> b.clearDevice().setRevokeShare(RevokeShareOp.newBuilder().setShareId("s-7")));
        put(m, "list_shares", b -> b.clearDevice().setListShares(ListSharesOp.getDefaultInstance()));
        put(m, "list_rooms", b -> b.clearDevice().setListRooms(ListRoomsOp.getDefaultInstance()));
        put(m, "set_ux_consent", b -> b.clearDevice().setSetUxConsent(SetUxConsentOp.newBuilder().setJoined(true)));
        put(m, "withdraw_consent", b -> b.clearDevice().setUser("u-guest").setWithdrawConsent(WithdrawConsentOp.getDefaultInstance()));
        put(m, "export_user_data", b -> b.clearDevice().setUser("u-guest").setExportUserData(ExportUserDataOp.getDefaultInstance()));
        put(m, "erase_user_data", b -> b.clearDevice().setEraseUserData(EraseUserDataOp.newBuilder().setSubject("u-guest")));
        put(m, "submit_policy", b -> b.clearDevice().setSubmitPolicy(dev.hearth.protocols.cloud.v1.SubmitPolicyOp.newBuilder()
                .setObject(dev.hearth.protocols.cloud.v1.SignedPolicyObject.newBuilder()
                        .setBody(LanSamples.pattern(24, 0x10)).setSignature(LanSamples.pattern(64, 0x80)))));
        return m;
    }

    /** A valid body with every common field set and no operation; tests add one. */
    public static CommandBody.Builder baseBody() {
        return CommandBody.newBuilder().setSchemaVersion(CommandDecoder.SCHEMA_VERSION).setRequestId("req-0001")
                .setUser("u-owner").setHome("home-1").setGateway("gw-1").setDevice("lamp-1f2e").setIssuedAtMs(AT).setExpiresAtMs(AT + 30_000)
                .setNonce(LanSamples.pattern(16, 0x40));
    }

    /** The envelope around {@code body}, with a recognisable (not real) 64-byte signature. */
    public static SignedCommand sign(CommandBody body) {
        return SignedCommand.newBuilder().setBody(ByteString.copyFrom(CloudPayloads.encode(body)))
                .setSignature(LanSamples.pattern(64, 0xc0)).setKeyId("cloud-2026-01").build();
    }

    private static void put(Map<String, CommandBody> m, String op, UnaryOperator<CommandBody.Builder> withOp) {
        m.put("signed_command_" + op, withOp.apply(baseBody()).build());
    }

    static Property property(String key, Value.Builder value) {
        return Property.newBuilder().setKey(key).setValue(value).build();
    }
}
