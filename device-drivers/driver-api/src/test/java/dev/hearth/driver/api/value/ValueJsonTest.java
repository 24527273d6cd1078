package dev.hearth.driver.api.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueJsonTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void roundTripsEveryKindKeepingWholeNumbersApartFromReals() throws Exception {
        Value v = new Value.Struct(Map.of("b", Value.of(true), "i", Value.of(3L), "r", Value.of(3.0), "t", Value.of("x"),
                "a", new Value.Array(List.of(Value.of(1L), Value.of(-1.5)))));
        String text = json.writeValueAsString(ValueJson.toJson(v));
        assertThat(ValueJson.fromJson(json.readTree(text))).isEqualTo(v);
        assertThat(ValueJson.fromJsonStrict(json.readTree(text), "v")).isEqualTo(v);
    }

    @Test
    void lenientReadingKeepsWhatNoValueHoldsAsText() throws Exception {
        assertThat(ValueJson.fromJson(json.readTree("null"))).isEqualTo(Value.of("null"));
        assertThat(ValueJson.fromJson(json.readTree("1e400"))).isInstanceOf(Value.Text.class);
        assertThat(ValueJson.fromJson(json.readTree("123456789012345678901234567890"))).isEqualTo(Value.of(1.2345678901234568e29));
    }

    @Test
    void strictReadingNamesTheBadPlace() throws Exception {
        assertThatThrownBy(() -> ValueJson.fromJsonStrict(json.readTree("{\"a\":[1,null]}"), "state"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("state.a[1]: null is not a value");
        assertThatThrownBy(() -> ValueJson.fromJsonStrict(json.readTree("{\"n\":123456789012345678901234567890}"), "s"))
                .hasMessage("s.n: integer out of range");
        assertThatThrownBy(() -> ValueJson.fromJsonStrict(json.readTree("[1e400]"), "s"))
                .hasMessage("s[0]: number out of range");
    }
}
