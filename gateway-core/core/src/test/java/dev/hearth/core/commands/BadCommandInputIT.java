package dev.hearth.core.commands;

import static dev.hearth.core.commands.GatewayRig.OWNER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.protocols.cloud.v1.CommandReply;
import dev.hearth.protocols.cloud.v1.CommandReply.Status;
import dev.hearth.protocols.cloud.v1.CreateShareOp;
import dev.hearth.protocols.cloud.v1.ListSharesOp;
import dev.hearth.protocols.cloud.v1.Privilege;
import dev.hearth.protocols.cloud.v1.Property;
import dev.hearth.protocols.cloud.v1.ReadStateOp;
import dev.hearth.protocols.cloud.v1.Scope;
import dev.hearth.protocols.cloud.v1.SetPropertiesOp;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input on the command topic (issue 21, defect 8), signed and sent through a real Mosquitto to
 * a real gateway: each gets a clear refusal, never INTERNAL.
 */
class BadCommandInputIT {
    @TempDir Path dir;

    @Test
    void emptyDevicesReservedUsersAndOverlongGranteesAreRefusedWithAReason() throws Exception {
        try (var rig = new GatewayRig(dir)) {
            SetPropertiesOp.Builder on = SetPropertiesOp.newBuilder().addValues(
                    Property.newBuilder().setKey("2.1").setValue(dev.hearth.protocols.cloud.v1.Value.newBuilder().setBoolValue(true)));
            CommandReply noDevice = rig.send(OWNER, "", b -> b.setSetProperties(on));
            assertThat(noDevice.getStatus()).isNotEqualTo(Status.INTERNAL).isNotEqualTo(Status.OK);
            assertThat(noDevice.getMessage()).contains("no device");

            for (String reserved : new String[] {"erased", "anonymous"}) {
                CommandReply list = rig.send(reserved, "", b -> b.setListShares(ListSharesOp.getDefaultInstance()));
                assertThat(list.getStatus()).as(reserved).isEqualTo(Status.FORBIDDEN);
                assertThat(list.getReasonCode()).isEqualTo("reserved_user");
                CommandReply set = rig.send(reserved, rig.lamp, b -> b.setSetProperties(on));
                assertThat(set.getStatus()).as(reserved).isEqualTo(Status.FORBIDDEN);
                CommandReply read = rig.send(reserved, rig.lamp, b -> b.setReadState(ReadStateOp.getDefaultInstance()));
                assertThat(read.getStatus()).as(reserved).isEqualTo(Status.FORBIDDEN);
            }

            CommandReply tooLong = rig.send(OWNER, "", b -> b.setCreateShare(CreateShareOp.newBuilder()
                    .setScope(Scope.newBuilder().setDevice(rig.lamp)).setGrantee("g".repeat(129)).setPrivilege(Privilege.VIEW)));
            assertThat(tooLong.getStatus()).isEqualTo(Status.INVALID_ARGUMENT);
            assertThat(tooLong.getMessage()).contains("at most 128");
            CommandReply toErased = rig.send(OWNER, "", b -> b.setCreateShare(CreateShareOp.newBuilder()
                    .setScope(Scope.newBuilder().setDevice(rig.lamp)).setGrantee("erased").setPrivilege(Privilege.VIEW)));
            assertThat(toErased.getStatus()).isEqualTo(Status.INVALID_ARGUMENT);
            assertThat(toErased.getMessage()).contains("reserved");
        }
    }
}
