package dev.hearth.driver.api.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueTest {

    @Test
    void structKeepsInsertionOrder() {
        Map<String, Value> fields = new LinkedHashMap<>();
        fields.put("zeta", Value.of(1));
        fields.put("alpha", Value.of("a"));
        fields.put("mid", Value.of(true));

        assertThat(new Value.Struct(fields).fields().keySet()).containsExactly("zeta", "alpha", "mid");
    }

    @Test
    void structCopiesItsFieldsAndIsUnmodifiable() {
        Map<String, Value> fields = new LinkedHashMap<>();
        fields.put("a", Value.of(1));
        Value.Struct struct = new Value.Struct(fields);
        fields.put("b", Value.of(2));

        assertThat(struct.fields()).containsOnlyKeys("a");
        assertThatThrownBy(() -> struct.fields().put("c", Value.of(3))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void structRejectsANullValueNamingItsKey() {
        Map<String, Value> fields = new LinkedHashMap<>();
        fields.put("broken", null);

        assertThatThrownBy(() -> new Value.Struct(fields)).isInstanceOf(NullPointerException.class).hasMessage("value of broken");
    }

    @Test
    void realRejectsNaNAndInfinity() {
        assertThatThrownBy(() -> Value.of(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Value.of(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Value.of(21.5)).isEqualTo(new Value.Real(21.5));
    }
}
