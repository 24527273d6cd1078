package dev.hearth.core.access;

import static dev.hearth.core.access.HomeFixture.LAMP;
import static dev.hearth.core.access.HomeFixture.OWNER;
import static dev.hearth.core.access.HomeFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.driver.api.model.ActionSpec;
import dev.hearth.driver.api.model.Privilege;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionReasonTest {
    private HomeFixture home;

    @BeforeEach
    void setUp(@TempDir Path dir) {
        home = new HomeFixture(dir);
    }

    @AfterEach
    void tearDown() {
        home.close();
    }

    @Test
    void explainsInWordsAndInCodes() {
        Share s = home.accepted("u2", new RoomScope(home.bedroom), Privilege.VIEW);
        Decision viaRoom = home.policy.decide("u2", new DeviceScope(LAMP), Operation.SET_PROPERTIES, T0);
        assertThat(viaRoom.reason()).isEqualTo("user u2 has VIEW on room \"Bedroom\" via share " + s.id()
                + "; set_properties needs OPERATE");
        assertThat(viaRoom.code()).isEqualTo(Decision.Code.INSUFFICIENT_PRIVILEGE);
        assertThat(viaRoom.held()).contains(Privilege.VIEW);

        Decision none = home.policy.decide("u3", new DeviceScope(LAMP), Operation.READ_STATE, T0);
        assertThat(none.reason()).isEqualTo("user u3 has no access to device lamp-1");
        assertThat(none.code()).isEqualTo(Decision.Code.NO_ACCESS);

        Decision owner = home.policy.decide(OWNER, new DeviceScope(LAMP), Operation.RENAME_DEVICE, T0);
        assertThat(owner.reason()).isEqualTo("user u1 owns the home");
        assertThat(owner.code()).isEqualTo(Decision.Code.OWNER);

        Decision shared = home.policy.decide("u2", new DeviceScope(LAMP), Operation.READ_STATE, T0);
        assertThat(shared.code()).isEqualTo(Decision.Code.SHARED);
        assertThat(shared.allowed()).isTrue();
    }

    @Test
    void refusesUnknownTargetsAndOperationsOnTheWrongKindOfTarget() {
        Decision ghost = home.policy.decide(OWNER, new DeviceScope("ghost"), Operation.READ_STATE, T0);
        assertThat(ghost.code()).isEqualTo(Decision.Code.UNKNOWN_TARGET);
        assertThat(ghost.reason()).isEqualTo("device ghost is not in this home");
        assertThat(home.policy.decide(OWNER, new RoomScope("r_404"), Operation.EDIT_ROOM, T0).code())
                .isEqualTo(Decision.Code.UNKNOWN_TARGET);
        Decision wrong = home.policy.decide(OWNER, new RoomScope(home.bedroom), Operation.RENAME_DEVICE, T0);
        assertThat(wrong.code()).isEqualTo(Decision.Code.WRONG_TARGET);
        assertThat(wrong.reason()).isEqualTo("rename_device applies to a device, not room \"Bedroom\"");
        assertThat(home.policy.decide(OWNER, new DeviceScope(LAMP), Operation.DELETE_HOME, T0).allowed()).isFalse();
    }

    @Test
    void aDeviceModelCanRaiseAnActionsRequirement() {
        home.accepted("u2", new DeviceScope(LAMP), Privilege.OPERATE);
        ActionSpec toggle = new ActionSpec(1, "toggle", List.of(), Privilege.OPERATE);
        ActionSpec unlock = new ActionSpec(2, "unlock", List.of(), Privilege.MANAGE);
        assertThat(home.allowed("u2", new DeviceScope(LAMP), Operation.invokeAction(toggle), T0)).isTrue();
        Decision d = home.policy.decide("u2", new DeviceScope(LAMP), Operation.invokeAction(unlock), T0);
        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).endsWith("invoke_action needs MANAGE");
    }

    @Test
    void operationsKeepTheirFixedRequirements() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new Operation(Operation.Kind.READ_STATE, Privilege.MANAGE))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Operation.invokeAction(Privilege.VIEW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Operation.invokeAction(Privilege.OWNER).required()).isEqualTo(Privilege.OWNER);
    }
}
