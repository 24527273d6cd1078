package dev.hearth.protocols.lan;

import com.google.protobuf.ByteString;
import dev.hearth.protocols.lan.v1.Challenge;
import dev.hearth.protocols.lan.v1.Command;
import dev.hearth.protocols.lan.v1.CommandResult;
import dev.hearth.protocols.lan.v1.Event;
import dev.hearth.protocols.lan.v1.Goodbye;
import dev.hearth.protocols.lan.v1.Heartbeat;
import dev.hearth.protocols.lan.v1.Hello;
import dev.hearth.protocols.lan.v1.InvokeAction;
import dev.hearth.protocols.lan.v1.ItemResult;
import dev.hearth.protocols.lan.v1.LanMessage;
import dev.hearth.protocols.lan.v1.PropertyReport;
import dev.hearth.protocols.lan.v1.PropertyValue;
import dev.hearth.protocols.lan.v1.Reject;
import dev.hearth.protocols.lan.v1.SetProperties;
import dev.hearth.protocols.lan.v1.Value;
import dev.hearth.protocols.lan.v1.ValueList;
import dev.hearth.protocols.lan.v1.ValueStruct;
import dev.hearth.protocols.lan.v1.Welcome;
import java.util.LinkedHashMap;
import java.util.Map;

/** One sample message per LAN message kind, built in code; the golden fixtures are their frames. */
public final class LanSamples {

    static final long DEVICE_TIME = 1_767_225_600_123L;

    private LanSamples() {
    }

    /** Fixture name (file name without .hex) to message, in a stable order. */
    public static Map<String, LanMessage> all() {
        Map<String, LanMessage> m = new LinkedHashMap<>();
        m.put("hello", LanMessage.newBuilder().setHello(hello(ByteString.EMPTY)).build());
        m.put("hello_with_proof", LanMessage.newBuilder().setHello(hello(pattern(32, 0xa0))).build());
        m.put("hello_v2", LanMessage.newBuilder().setHello(helloV2(ByteString.EMPTY)).build());
        m.put("hello_v2_with_proof", LanMessage.newBuilder().setHello(helloV2(ByteString.copyFrom(
                V2_TRANSCRIPT.deviceProof(V2_KEY)))).build());
        m.put("challenge_v2", LanMessage.newBuilder().setChallenge(Challenge.newBuilder()
                .setNonce(ByteString.copyFrom(V2_TRANSCRIPT.gatewayNonce())).setVersion(2)
                .setGatewayProof(ByteString.copyFrom(V2_TRANSCRIPT.gatewayProof(V2_KEY)))).build());
        m.put("challenge", LanMessage.newBuilder().setChallenge(Challenge.newBuilder().setNonce(pattern(32, 0x10))).build());
        m.put("welcome", LanMessage.newBuilder().setWelcome(Welcome.newBuilder().setGatewayId("gw-home-1").setSession(7)).build());
        m.put("reject", LanMessage.newBuilder().setReject(Reject.newBuilder()
                .setReason(Reject.Reason.BAD_PROOF).setMessage("proof does not match the challenge")).build());
        m.put("property_report", LanMessage.newBuilder().setPropertyReport(PropertyReport.newBuilder()
                .addValues(prop(2, 1, Value.newBuilder().setBoolValue(true)))
                .addValues(prop(2, 2, Value.newBuilder().setIntValue(-80)))
                .addValues(prop(3, 1, Value.newBuilder().setDoubleValue(21.5)))
                .addValues(PropertyValue.newBuilder().setName("wifi_rssi").setValue(Value.newBuilder().setIntValue(-58)))
                .addValues(prop(4, 1, Value.newBuilder().setListValue(ValueList.newBuilder()
                        .addItems(Value.newBuilder().setStringValue("eco"))
                        .addItems(Value.newBuilder().setIntValue(3)))))
                .addValues(prop(4, 2, Value.newBuilder().setStructValue(ValueStruct.newBuilder()
                        .putFields("mode", Value.newBuilder().setStringValue("night").build())
                        .putFields("level", Value.newBuilder().setIntValue(2).build()))))
                .setDeviceTimeMs(DEVICE_TIME).setSeq(42)).build());
        m.put("event", LanMessage.newBuilder().setEvent(Event.newBuilder().setSiid(5).setEiid(1)
                .putArgs("user", Value.newBuilder().setStringValue("u-17").build())
                .putArgs("method", Value.newBuilder().setIntValue(2).build())
                .setDeviceTimeMs(DEVICE_TIME).setSeq(43)).build());
        m.put("command_set_properties", LanMessage.newBuilder().setCommand(Command.newBuilder().setId(9)
                .setSetProperties(SetProperties.newBuilder()
                        .addValues(prop(2, 1, Value.newBuilder().setBoolValue(false)))
                        .addValues(prop(2, 2, Value.newBuilder().setIntValue(30))))).build());
        m.put("command_invoke_action", LanMessage.newBuilder().setCommand(Command.newBuilder().setId(10)
                .setInvokeAction(InvokeAction.newBuilder().setSiid(2).setAiid(1)
                        .addArgs(Value.newBuilder().setIntValue(5))
                        .addArgs(Value.newBuilder().setStringValue("fast")))).build());
        m.put("command_result", LanMessage.newBuilder().setCommandResult(CommandResult.newBuilder().setId(9)
                .addItems(ItemResult.newBuilder().setSiid(2).setIid(1).setCode(0).setValue(Value.newBuilder().setBoolValue(false)))
                .addItems(ItemResult.newBuilder().setSiid(2).setIid(2).setCode(-4004).setMessage("value out of range"))).build());
        m.put("heartbeat", LanMessage.newBuilder().setHeartbeat(Heartbeat.newBuilder().setSeq(3).setDeviceTimeMs(DEVICE_TIME)).build());
        m.put("goodbye", LanMessage.newBuilder().setGoodbye(Goodbye.newBuilder()
                .setReason(Goodbye.Reason.SHUTDOWN).setMessage("powering off")).build());
        return m;
    }

    /** The v2 samples' device key and handshake: fixed, so the proofs and sealed frames are fixed bytes. */
    public static final byte[] V2_KEY = pattern(32, 0x40).toByteArray();
    public static final LanTranscript V2_TRANSCRIPT = new LanTranscript(2, java.util.List.of(2), "lamp-1f2e",
            "hearth.light.lamp1", "2.0.0", 15_000, pattern(32, 0x10).toByteArray(), pattern(32, 0x70).toByteArray());

    /** Fixture name to the frame body the gateway's end seals first (counter 0, ack 0) for a sample message. */
    public static Map<String, byte[]> sealedByGateway() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("welcome_sealed", V2_TRANSCRIPT.sessionKeys(V2_KEY).gatewayEnd().seal(LanFrames.body(all().get("welcome"))));
        return m;
    }

    /** The same for the device's end (its first sealed frame). */
    public static Map<String, byte[]> sealedByDevice() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("property_report_sealed", V2_TRANSCRIPT.sessionKeys(V2_KEY).deviceEnd().seal(LanFrames.body(all().get("property_report"))));
        return m;
    }

    static Hello helloV2(ByteString proof) {
        return Hello.newBuilder().setDeviceId("lamp-1f2e").setModel("hearth.light.lamp1").setFirmware("2.0.0")
                .setProtocolVersion(2).addSupportedVersions(2).setHeartbeatIntervalMs(15_000)
                .setDeviceNonce(pattern(32, 0x10)).setProof(proof).build();
    }

    static Hello hello(ByteString proof) {
        return Hello.newBuilder().setDeviceId("lamp-1f2e").setModel("hearth.light.lamp1").setFirmware("1.4.2")
                .setProtocolVersion(1).setHeartbeatIntervalMs(15_000).setProof(proof).build();
    }

    static PropertyValue prop(int siid, int piid, Value.Builder value) {
        return PropertyValue.newBuilder().setSiid(siid).setPiid(piid).setValue(value).build();
    }

    /** {@code length} bytes counting up from {@code first}: recognisable in a hex dump. */
    public static ByteString pattern(int length, int first) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (first + i);
        }
        return ByteString.copyFrom(b);
    }
}
