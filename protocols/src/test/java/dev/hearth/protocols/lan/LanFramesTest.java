package dev.hearth.protocols.lan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.protocols.lan.v1.LanMessage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LanFramesTest {

    @Test
    void roundTripsEveryMessageKind() {
        for (LanMessage message : LanSamples.all().values()) {
            assertThat(LanFrames.decode(LanFrames.encode(message))).isEqualTo(new LanDecodeResult.Decoded(message));
        }
    }

    @Test
    void encodesMapEntriesInTheSameOrderWhateverTheInsertionOrder() {
        LanMessage event = LanSamples.all().get("event");
        LanMessage reversed = event.toBuilder().setEvent(event.getEvent().toBuilder().clearArgs()
                .putArgs("method", event.getEvent().getArgsOrThrow("method"))
                .putArgs("user", event.getEvent().getArgsOrThrow("user"))).build();

        assertThat(LanFrames.encode(reversed)).isEqualTo(LanFrames.encode(event));
    }

    @Test
    void rejectsAnEmptyInput() {
        assertThat(LanFrames.decode(new byte[0])).isEqualTo(new LanDecodeResult.Malformed("malformed frame because the input is empty"));
    }

    @Test
    void rejectsATruncatedFrame() {
        byte[] frame = LanFrames.encode(LanSamples.all().get("welcome"));

        assertThat(LanFrames.decode(Arrays.copyOf(frame, frame.length - 3))).isInstanceOfSatisfying(LanDecodeResult.Malformed.class,
                m -> assertThat(m.reason()).contains("ends after"));
    }

    @Test
    void rejectsBytesAfterTheFrame() {
        byte[] frame = LanFrames.encode(LanSamples.all().get("welcome"));

        assertThat(LanFrames.decode(Arrays.copyOf(frame, frame.length + 2))).isEqualTo(
                new LanDecodeResult.Malformed("malformed frame because 2 bytes follow the frame"));
    }

    @Test
    void appliesTheGivenLimit() {
        LanMessage report = LanSamples.all().get("property_report");
        byte[] frame = LanFrames.encode(report);
        int body = report.getSerializedSize();

        assertThat(LanFrames.decode(frame, body)).isInstanceOf(LanDecodeResult.Decoded.class);
        assertThat(LanFrames.decode(frame, body - 1)).isInstanceOfSatisfying(LanDecodeResult.Malformed.class,
                m -> assertThat(m.reason()).contains("its length " + body + " exceeds the limit of " + (body - 1)));
    }
}
