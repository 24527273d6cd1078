package dev.hearth.simulator.nativedev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultTest {

    @Test
    void parsesEveryFaultWithAndWithoutParameters() {
        assertThat(Fault.parse("none")).isEqualTo(Fault.NONE);
        assertThat(Fault.parse("SILENT")).isInstanceOf(Fault.Silent.class);
        assertThat(Fault.parse("close")).isInstanceOf(Fault.Close.class);
        assertThat(Fault.parse("FLAP/5s")).isEqualTo(new Fault.Flap(Duration.ofSeconds(5)));
        assertThat(Fault.parse("slow/250ms")).isEqualTo(new Fault.Slow(Duration.ofMillis(250)));
        assertThat(Fault.parse("GARBAGE")).isInstanceOf(Fault.Garbage.class);
        assertThat(Fault.parse("OVERSIZED")).isEqualTo(new Fault.Oversized(Fault.Oversized.DEFAULT_BYTES));
        assertThat(Fault.parse("OVERSIZED/70000")).isEqualTo(new Fault.Oversized(70000));
        assertThat(Fault.parse("wrong-key")).isInstanceOf(Fault.WrongKey.class);
        assertThat(Fault.parse("FLOOD/500")).isEqualTo(new Fault.Flood(500));
    }

    @Test
    void badFaultsSayWhatIsExpected() {
        assertThatThrownBy(() -> Fault.parse("EXPLODE")).hasMessageContaining("unknown fault 'EXPLODE'").hasMessageContaining("SILENT");
        assertThatThrownBy(() -> Fault.parse("FLAP/soon")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> Fault.parse("SILENT/3")).hasMessageContaining("takes no parameter");
        assertThatThrownBy(() -> Fault.parse("FLAP/0s")).hasMessageContaining("must be positive");
    }
}
