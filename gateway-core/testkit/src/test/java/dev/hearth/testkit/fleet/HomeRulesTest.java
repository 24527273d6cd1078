package dev.hearth.testkit.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.testkit.fleet.HomeRules.Action;
import java.util.List;
import org.junit.jupiter.api.Test;

class HomeRulesTest {
    private final HomeRules rules = new HomeRules("hearth/v1",
            List.of(new FleetHome("home-a", "gw-a", "pa"), new FleetHome("home-b", "gw-b", "pb")), "cloud", "pc");

    @Test
    void aGatewayPublishesOnlyUnderItsOwnTreeAndItsHomesReplies() {
        assertThat(rules.allows("gw-a", Action.PUBLISH, "hearth/v1/home-a/gw-a/devices/lamp/state")).isTrue();
        assertThat(rules.allows("gw-a", Action.PUBLISH, "hearth/v1/home-a/replies/ctl-1")).isTrue();
        assertThat(rules.allows("gw-a", Action.PUBLISH, "hearth/v1/home-b/gw-b/devices/lock/state")).isFalse();
        assertThat(rules.allows("gw-a", Action.PUBLISH, "hearth/v1/home-b/gw-a/status")).isFalse();
        assertThat(rules.allows("gw-a", Action.PUBLISH, "hearth/v1/home-a/gw-b/status")).isFalse();
        assertThat(rules.allows("gw-a", Action.PUBLISH, "hearth/v1/home-a/gw-a")).isFalse();
        assertThat(rules.allows("gw-a", Action.PUBLISH, "hearth/v1/home-a/gw-ax/status")).isFalse();
    }

    @Test
    void aGatewaySubscribesOnlyToItsOwnCommandsWithoutWildcards() {
        assertThat(rules.allows("gw-a", Action.SUBSCRIBE, "hearth/v1/home-a/gw-a/commands")).isTrue();
        assertThat(rules.allows("gw-a", Action.SUBSCRIBE, "hearth/v1/home-a/gw-a/#")).isFalse();
        assertThat(rules.allows("gw-a", Action.SUBSCRIBE, "hearth/v1/home-a/+/commands")).isFalse();
        assertThat(rules.allows("gw-a", Action.SUBSCRIBE, "hearth/v1/home-b/gw-b/commands")).isFalse();
        assertThat(rules.allows("gw-a", Action.SUBSCRIBE, "hearth/v1/#")).isFalse();
    }

    @Test
    void theCloudReadsEveryHomeAndWritesOnlyCommands() {
        assertThat(rules.allows("cloud", Action.SUBSCRIBE, "hearth/v1/#")).isTrue();
        assertThat(rules.allows("cloud", Action.SUBSCRIBE, "hearth/v1/home-b/+/devices/+/state")).isTrue();
        assertThat(rules.allows("cloud", Action.SUBSCRIBE, "#")).isFalse();
        assertThat(rules.allows("cloud", Action.PUBLISH, "hearth/v1/home-b/gw-b/commands")).isTrue();
        assertThat(rules.allows("cloud", Action.PUBLISH, "hearth/v1/home-b/gw-b/status")).isFalse();
        assertThat(rules.allows("cloud", Action.PUBLISH, "hearth/v1/+/+/commands")).isFalse();
    }

    @Test
    void unknownUsersAndWrongPasswordsGetNothing() {
        assertThat(rules.allows("gw-x", Action.PUBLISH, "hearth/v1/home-a/gw-x/status")).isFalse();
        assertThat(rules.allows(null, Action.SUBSCRIBE, "hearth/v1/#")).isFalse();
        assertThat(rules.authenticate("gw-a", "pa")).contains("gw-a");
        assertThat(rules.authenticate("gw-a", "pb")).isEmpty();
        assertThat(rules.authenticate("gw-x", "pa")).isEmpty();
        assertThat(rules.authenticate("cloud", "pc")).contains("cloud");
    }

    @Test
    void idsThatWouldWidenARuleAreRefused() {
        assertThatThrownBy(() -> new FleetHome("home/a", "gw", "p")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FleetHome("home-a", "gw.1", "p")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FleetHome("home-a", "+", "p")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new FleetHome("home-a", "gw", "secret").toString()).doesNotContain("secret");
    }

    @Test
    void artemisAddressesAreJudgedAsTheTopicsTheyStandFor() {
        assertThat(HomeSecurityManager.topic("hearth.v1.home-a.gw-a.commands")).isEqualTo("hearth/v1/home-a/gw-a/commands");
        assertThat(HomeSecurityManager.topic("hearth.v1.*.*.commands::q1")).isEqualTo("hearth/v1/+/+/commands");
        assertThat(HomeSecurityManager.topic("$sys.mqtt.retain.hearth.v1.home-a.gw-a.status")).isEqualTo("hearth/v1/home-a/gw-a/status");
    }
}
