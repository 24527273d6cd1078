package dev.hearth.protocols.lan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.driver.api.value.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LanValuesTest {

    @Test
    void everyKindOfValueSurvivesARoundTrip() {
        Map<String, Value> fields = new LinkedHashMap<>();
        fields.put("x", Value.of(1.5));
        fields.put("y", Value.of(-2.25));
        List<Value> values = List.of(Value.of(true), Value.of(-42L), Value.of(Long.MAX_VALUE), Value.of(3.75),
                Value.of("héllo"), new Value.Array(List.of(Value.of(1L), Value.of("a"))), new Value.Struct(fields),
                new Value.Struct(Map.of("nested", new Value.Array(List.of(new Value.Struct(Map.of("k", Value.of(false))))))));
        for (Value v : values) {
            assertThat(LanValues.fromLan(LanValues.toLan(v))).contains(v);
        }
    }

    @Test
    void aValueWithoutKindOrNotFiniteIsNotAValue() {
        assertThat(LanValues.fromLan(dev.hearth.protocols.lan.v1.Value.getDefaultInstance())).isEmpty();
        assertThat(LanValues.fromLan(dev.hearth.protocols.lan.v1.Value.newBuilder().setDoubleValue(Double.NaN).build())).isEmpty();
    }

    @Test
    void nestingDeeperThanTheLimitIsRefused() {
        Value v = Value.of(1L);
        for (int i = 0; i <= LanValues.MAX_DEPTH; i++) v = new Value.Array(List.of(v));
        assertThat(LanValues.fromLan(LanValues.toLan(v))).isEmpty();
    }
}
