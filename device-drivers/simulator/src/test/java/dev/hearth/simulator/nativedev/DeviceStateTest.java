package dev.hearth.simulator.nativedev;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.driver.api.model.ModelCatalog;
import dev.hearth.driver.api.value.Value;
import dev.hearth.protocols.lan.LanValues;
import dev.hearth.protocols.lan.v1.PropertyValue;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceStateTest {
    private static final ModelCatalog MODELS = ModelCatalog.fromClasspath(DeviceStateTest.class.getClassLoader());

    private static DeviceState lamp() throws Exception {
        DeviceState s = new DeviceState(MODELS.find("hearth.light.lamp1").orElseThrow());
        new KindBehaviour(DeviceKind.LAMP, s, 1).initialise("1.0.0", InetAddress.getByAddress("d", new byte[] {127, 0, 0, 1}));
        return s;
    }

    private static PropertyValue pv(int siid, int piid, Value v) {
        return PropertyValue.newBuilder().setSiid(siid).setPiid(piid).setValue(LanValues.toLan(v)).build();
    }

    @Test
    void aDeviceAppliesValidValuesAndRefusesOthersWithMiotCodes() throws Exception {
        DeviceState s = lamp();
        assertThat(s.set(pv(2, 2, Value.of(80L))).getCode()).isZero();
        assertThat(s.get("2.2")).contains(Value.of(80L));
        assertThat(s.set(pv(2, 2, Value.of(0L))).getCode()).isEqualTo(DeviceState.INVALID_VALUE);
        assertThat(s.set(pv(2, 1, Value.of("yes"))).getCode()).isEqualTo(DeviceState.INVALID_VALUE);
        assertThat(s.set(pv(1, 3, Value.of("9.9"))).getCode()).isEqualTo(DeviceState.NOT_WRITABLE);
        assertThat(s.set(pv(7, 1, Value.of(1L))).getCode()).isEqualTo(DeviceState.NOT_FOUND);
        assertThat(s.get("2.2")).contains(Value.of(80L));
    }

    @Test
    void behaviourIsDeterministicForASeed() throws Exception {
        assertThat(run(42)).isEqualTo(run(42)).isNotEqualTo(run(43));
    }

    @Test
    void aCleaningVacuumMovesAndDrainsItsBattery() throws Exception {
        DeviceState s = new DeviceState(MODELS.find("hearth.vacuum.v1").orElseThrow());
        KindBehaviour b = new KindBehaviour(DeviceKind.VACUUM, s, 5);
        b.initialise("1.0.0", InetAddress.getByAddress("d", new byte[] {127, 0, 0, 1}));
        assertThat(b.act(2, 1, List.of()).code()).isZero();
        Map<String, Value> changed = b.tick(Duration.ofSeconds(2));
        assertThat(changed).containsKeys("2.2", "2.3", "3.1");
        assertThat(s.number("3.1")).isEqualTo(99);
        assertThat(s.get("2.3").orElseThrow()).isInstanceOf(Value.Struct.class);
    }

    private static List<Map<String, Value>> run(long seed) throws Exception {
        DeviceState s = new DeviceState(MODELS.find("hearth.sensor.th1").orElseThrow());
        KindBehaviour b = new KindBehaviour(DeviceKind.SENSOR, s, seed);
        b.initialise("1.0.0", InetAddress.getByAddress("d", new byte[] {127, 0, 0, 1}));
        List<Map<String, Value>> out = new ArrayList<>();
        out.add(s.snapshot());
        for (int i = 0; i < 5; i++) out.add(b.tick(Duration.ofSeconds(1)));
        return out;
    }
}
