package dev.hearth.core.cloud.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.driver.api.value.Value;
import dev.hearth.protocols.cloud.v1.Property;
import dev.hearth.protocols.cloud.v1.ValueList;
import dev.hearth.protocols.cloud.v1.ValueStruct;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: two mappers disagreed on an unset value (one threw, the telemetry one read it as an empty
 * struct). There is one now, and it refuses an unset value wherever it sits.
 */
class ProtoValuesTest {
    private static final dev.hearth.protocols.cloud.v1.Value UNSET = dev.hearth.protocols.cloud.v1.Value.getDefaultInstance();

    @Test
    void everyKindOfValueSurvivesTheRoundTrip() {
        Value v = new Value.Struct(Map.of("a", new Value.Array(List.of(Value.of(true), Value.of(3), Value.of(2.5), Value.of("x")))));
        assertThat(ProtoValues.fromProto(ProtoValues.toProto(v))).isEqualTo(new ProtoValues.Decoded.Ok<>(v));
    }

    @Test
    void anUnsetValueIsRefusedNotReadAsAnEmptyStruct() {
        assertThat(ProtoValues.fromProto(UNSET)).isInstanceOf(ProtoValues.Decoded.Refused.class);
    }

    @Test
    void anUnsetValueInsideAListOrAStructIsRefusedWithWhereItSits() {
        var inList = dev.hearth.protocols.cloud.v1.Value.newBuilder()
                .setListValue(ValueList.newBuilder().addItems(ProtoValues.toProto(Value.of(1))).addItems(UNSET)).build();
        var inStruct = dev.hearth.protocols.cloud.v1.Value.newBuilder()
                .setStructValue(ValueStruct.newBuilder().putFields("pos", UNSET)).build();

        assertThat(ProtoValues.fromProto(inList)).isEqualTo(new ProtoValues.Decoded.Refused<>("value[1]: a value with no kind set"));
        assertThat(ProtoValues.fromProto(inStruct)).isEqualTo(new ProtoValues.Decoded.Refused<>("value.pos: a value with no kind set"));
    }

    @Test
    void aPropertyOrArgumentWithAnUnsetValueRefusesTheWholeSet() {
        var props = List.of(Property.newBuilder().setKey("2.1").setValue(ProtoValues.toProto(Value.of(true))).build(),
                Property.newBuilder().setKey("2.2").build());
        assertThat(ProtoValues.properties(props)).isEqualTo(new ProtoValues.Decoded.Refused<>("property 2.2: a value with no kind set"));
        assertThat(ProtoValues.fromProto(List.of(ProtoValues.toProto(Value.of(1)), UNSET)))
                .isEqualTo(new ProtoValues.Decoded.Refused<>("argument 2: a value with no kind set"));
    }

    @Test
    void aNonFiniteNumberIsRefused() {
        var nan = dev.hearth.protocols.cloud.v1.Value.newBuilder().setDoubleValue(Double.NaN).build();
        assertThat(ProtoValues.fromProto(nan)).isInstanceOf(ProtoValues.Decoded.Refused.class);
    }
}
