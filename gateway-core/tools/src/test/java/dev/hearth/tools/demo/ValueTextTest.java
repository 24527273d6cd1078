package dev.hearth.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.cloud.command.ProtoValues;
import dev.hearth.driver.api.value.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueTextTest {
    @Test
    void showsNumbersWithoutTrailingZeros() {
        assertThat(ValueText.of(Value.of(21.4))).isEqualTo("21.4");
        assertThat(ValueText.of(Value.of(100.0))).isEqualTo("100");
        assertThat(ValueText.of(Value.of(0.0))).isEqualTo("0");
        assertThat(ValueText.of(Value.of(42L))).isEqualTo("42");
    }

    @Test
    void quotesTextAndSpellsOutListsAndStructs() {
        Map<String, Value> xy = new LinkedHashMap<>();
        xy.put("x", Value.of(1.5));
        xy.put("y", Value.of(-2.0));
        assertThat(ValueText.of(Value.of("docked"))).isEqualTo("\"docked\"");
        assertThat(ValueText.of(new Value.Struct(xy))).isEqualTo("{x=1.5, y=-2}");
        assertThat(ValueText.of(new Value.Array(List.of(Value.of(true), Value.of(false))))).isEqualTo("[true, false]");
    }

    @Test
    void readsCloudValues() {
        assertThat(ValueText.of(ProtoValues.toProto(Value.of(true)))).isEqualTo("true");
        assertThat(ValueText.of(dev.hearth.protocols.cloud.v1.Value.getDefaultInstance())).isEqualTo("?");
    }
}
