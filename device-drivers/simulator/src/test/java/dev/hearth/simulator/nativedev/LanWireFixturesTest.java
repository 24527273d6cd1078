package dev.hearth.simulator.nativedev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.driver.api.model.ModelCatalog;
import dev.hearth.driver.api.value.Value;
import dev.hearth.protocols.HexFixtures;
import dev.hearth.protocols.lan.LanDecodeResult;
import dev.hearth.protocols.lan.LanFrames;
import dev.hearth.protocols.lan.v1.LanMessage;
import dev.hearth.protocols.lan.v1.PropertyValue;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The simulated device's frames against protocols' golden fixtures, byte for byte: the values
 * here are the driver SPI's, so a bug in the shared value codec (a kind written as another, a
 * struct's fields lost) fails here even when the driver agrees with the simulator.
 */
class LanWireFixturesTest {
    private static final long DEVICE_TIME = 1_767_225_600_123L;
    private static final ModelCatalog MODELS = ModelCatalog.fromClasspath(LanWireFixturesTest.class.getClassLoader());

    @Test
    void aPropertyReportOfEveryKindOfValueIsTheCommittedFrame() {
        Map<String, Value> level = new LinkedHashMap<>();
        level.put("mode", Value.of("night"));
        level.put("level", Value.of(2L));
        List<PropertyValue> values = List.of(LanWire.declared("2.1", Value.of(true)), LanWire.declared("2.2", Value.of(-80L)),
                LanWire.declared("3.1", Value.of(21.5)), LanWire.named("wifi_rssi", Value.of(-58L)),
                LanWire.declared("4.1", new Value.Array(List.of(Value.of("eco"), Value.of(3L)))),
                LanWire.declared("4.2", new Value.Struct(level)));

        byte[] frame = LanFrames.encode(LanWire.report(values, DEVICE_TIME, 42));

        assertThat(frame).isEqualTo(HexFixtures.load("fixtures/lan/property_report.hex"));
    }

    @Test
    void anEventWithItsArgumentsIsTheCommittedFrame() {
        Map<String, Value> args = new LinkedHashMap<>();
        args.put("user", Value.of("u-17"));
        args.put("method", Value.of(2L));

        byte[] frame = LanFrames.encode(LanWire.event(5, 1, args, DEVICE_TIME, 43));

        assertThat(frame).isEqualTo(HexFixtures.load("fixtures/lan/event.hex"));
    }

    @Test
    void theCommittedSetPropertiesFrameSetsTheLampToTheValuesItCarries() throws Exception {
        DeviceState lamp = new DeviceState(MODELS.find("hearth.light.lamp1").orElseThrow());
        new KindBehaviour(DeviceKind.LAMP, lamp, 1).initialise("1.0.0", InetAddress.getByAddress("d", new byte[] {127, 0, 0, 1}));

        LanMessage command = decoded("command_set_properties");
        List<Integer> codes = command.getCommand().getSetProperties().getValuesList().stream().map(pv -> lamp.set(pv).getCode()).toList();

        assertThat(codes).containsExactly(0, 0);
        assertThat(lamp.get("2.1")).contains(Value.of(false));
        assertThat(lamp.get("2.2")).contains(Value.of(30L));
    }

    @Test
    void theLampAnswersTheCommittedSetWithTheCommittedItemForThePropertyItApplied() throws Exception {
        DeviceState lamp = new DeviceState(MODELS.find("hearth.light.lamp1").orElseThrow());
        new KindBehaviour(DeviceKind.LAMP, lamp, 1).initialise("1.0.0", InetAddress.getByAddress("d", new byte[] {127, 0, 0, 1}));
        PropertyValue powerOff = decoded("command_set_properties").getCommand().getSetProperties().getValues(0);

        assertThat(lamp.set(powerOff).toByteArray())
                .isEqualTo(decoded("command_result").getCommandResult().getItems(0).toByteArray());
    }

    @Test
    void theCommittedInvokeActionFrameCarriesTheArgumentsTheDeviceReads() {
        LanMessage command = decoded("command_invoke_action");

        assertThat(LanWire.args(command.getCommand().getInvokeAction().getArgsList()))
                .containsExactly(Value.of(5L), Value.of("fast"));
    }

    private static LanMessage decoded(String fixture) {
        LanDecodeResult result = LanFrames.decode(HexFixtures.load("fixtures/lan/" + fixture + ".hex"));
        assertThat(result).isInstanceOf(LanDecodeResult.Decoded.class);
        return ((LanDecodeResult.Decoded) result).message();
    }
}
