package dev.hearth.protocols.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.protocols.cloud.v1.DeviceState;
import dev.hearth.protocols.cloud.v1.GatewayStatus;
import dev.hearth.protocols.cloud.v1.Room;
import org.junit.jupiter.api.Test;

class CloudPayloadsTest {

    @Test
    void contentTypeNamesTheMessage() {
        assertThat(CloudPayloads.contentType(DeviceState.getDefaultInstance()))
                .isEqualTo("application/x-protobuf; proto=hearth.cloud.v1.DeviceState");
        assertThat(CloudPayloads.contentType(GatewayStatus.getDescriptor()))
                .isEqualTo("application/x-protobuf; proto=hearth.cloud.v1.GatewayStatus");
    }

    @Test
    void schemaVersionIsOne() {
        assertThat(CloudPayloads.SCHEMA_VERSION).isEqualTo(1);
    }

    @Test
    void decodeRefusesAnotherSchemaVersion() {
        byte[] v2 = GatewayStatus.newBuilder().setSchemaVersion(2).setState(GatewayStatus.State.ONLINE).build().toByteArray();

        assertThat(CloudPayloads.decode(GatewayStatus.getDefaultInstance(), v2, 1024))
                .isEqualTo(new CloudDecodeResult.Malformed<>("schema_version 2 is not supported (this gateway reads 1)"));
    }

    @Test
    void decodeRefusesEmptyOversizedAndGarbagePayloads() {
        byte[] ok = GatewayStatus.newBuilder().setSchemaVersion(1).build().toByteArray();

        assertThat(CloudPayloads.decode(GatewayStatus.getDefaultInstance(), new byte[0], 1024))
                .isEqualTo(new CloudDecodeResult.Malformed<>("the payload is empty"));
        assertThat(CloudPayloads.decode(GatewayStatus.getDefaultInstance(), ok, ok.length - 1))
                .isInstanceOf(CloudDecodeResult.Malformed.class);
        assertThat(CloudPayloads.decode(GatewayStatus.getDefaultInstance(), new byte[] {(byte) 0xff}, 1024))
                .isInstanceOfSatisfying(CloudDecodeResult.Malformed.class,
                        m -> assertThat(m.reason()).startsWith("the payload is not a valid GatewayStatus"));
    }

    @Test
    void decodeAcceptsAMessageWithoutSchemaVersionField() {
        Room room = Room.newBuilder().setId("r-1").setName("Hall").build();

        assertThat(CloudPayloads.decode(Room.getDefaultInstance(), room.toByteArray(), 1024))
                .isEqualTo(new CloudDecodeResult.Decoded<>(room));
    }
}
