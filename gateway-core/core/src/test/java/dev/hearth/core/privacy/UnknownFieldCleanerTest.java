package dev.hearth.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.driver.api.value.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnknownFieldCleanerTest {

    private final UnknownFieldCleaner cleaner = new UnknownFieldCleaner(new PersonalDataDetector());

    private static Value array(Value... items) {
        return new Value.Array(List.of(items));
    }

    private static Value struct(Object... kv) {
        Map<String, Value> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], (Value) kv[i + 1]);
        return new Value.Struct(m);
    }

    @Test
    void anArrayLosesOnlyThePersonalItemAndKeepsItsSiblings() {
        Value v = array(Value.of("auto"), Value.of("call 13812345678"), Value.of(42), Value.of("mail a@example.com"));
        assertThat(cleaner.clean("extra", v)).contains(array(Value.of("auto"), Value.of(42)));
    }

    @Test
    void aStructLosesAPersonalKeysWholeSubtreeAndKeepsItsSiblings() {
        Value v = struct("mode", Value.of("eco"), "owner", struct("level", Value.of(3), "since", Value.of(2019)),
                "rssi", Value.of(-61));
        assertThat(cleaner.clean("status", v)).contains(struct("mode", Value.of("eco"), "rssi", Value.of(-61)));
    }

    @Test
    void anArrayOfStructsKeepsTheCleanFieldsOfEachItem() {
        Value v = array(struct("id", Value.of(1), "peer", Value.of("192.168.1.20")),
                struct("id", Value.of(2), "peer", Value.of("10.0.0.7")));
        assertThat(cleaner.clean("peers", v)).contains(array(struct("id", Value.of(1)), struct("id", Value.of(2))));
    }

    @Test
    void aCoordinatePairGoesAsOneUnitAndAnArrayOfPairsGoesWhole() {
        Value pair = array(Value.of(116.203428), Value.of(24.390718));
        assertThat(cleaner.clean("val", pair)).isEmpty();
        assertThat(cleaner.clean("track", array(pair, array(Value.of(116.203501), Value.of(24.390802))))).isEmpty();
        Value mixed = struct("position", pair, "battery", Value.of(87), "mode", Value.of("clean"));
        assertThat(cleaner.clean("robot", mixed)).contains(struct("battery", Value.of(87), "mode", Value.of("clean")));
    }

    @Test
    void anXyObjectThatLooksGeographicLosesItsXAndYButKeepsTheRest() {
        Value v = struct("x", Value.of(121.473701), "y", Value.of(31.230416), "floor", Value.of(2));
        assertThat(cleaner.clean("where", v)).contains(struct("floor", Value.of(2)));
        Value grid = struct("x", Value.of(3), "y", Value.of(4), "floor", Value.of(2));
        assertThat(cleaner.clean("where", grid)).contains(grid);
    }

    @Test
    void whatEnclosingKeysSayStillHoldsForTheChildren() {
        // under a firmware key a dotted quad is a version; the sibling address is still dropped
        Value v = struct("fw", struct("current", Value.of("1.4.2.8")), "gateway", Value.of("192.168.1.1"));
        assertThat(cleaner.clean("info", v)).contains(struct("fw", struct("current", Value.of("1.4.2.8"))));
    }

    @Test
    void nothingHarmlessLeftGivesEmpty() {
        assertThat(cleaner.clean("contacts", array(Value.of("a@example.com"), Value.of("13812345678")))).isEmpty();
        assertThat(cleaner.clean("x", struct("user", Value.of("Wang"), "ssid", Value.of("MyHome")))).isEqualTo(Optional.empty());
    }
}
