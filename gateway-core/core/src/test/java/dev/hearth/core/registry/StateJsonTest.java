package dev.hearth.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.driver.api.value.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateJsonTest {
    @Test
    void roundTripsEveryKindOfValueKeepingIntegersApartFromReals() throws Exception {
        Map<String, Value> state = new LinkedHashMap<>();
        state.put("b", Value.of(false));
        state.put("i", Value.of(3));
        state.put("r", Value.of(3.0));
        state.put("big", Value.of(1e300));
        state.put("t", Value.of("héllo \"q\""));
        state.put("a", new Value.Array(List.of(Value.of(1), Value.of("x"))));
        state.put("s", new Value.Struct(Map.of("k", Value.of(-1.5))));

        Map<String, Value> back = StateJson.read(StateJson.write(state));

        assertThat(back).isEqualTo(state);
        assertThat(back.keySet()).containsExactlyElementsOf(state.keySet());
    }
}
