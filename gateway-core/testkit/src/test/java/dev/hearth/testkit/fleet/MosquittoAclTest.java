package dev.hearth.testkit.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MosquittoAclTest {
    @Test
    void eachGatewayGetsAUserBlockBoundToItsHomeAndTheCloudReadsEverything() {
        String acl = MosquittoAcl.render(new HomeRules("hearth/v1",
                List.of(new FleetHome("home-b", "gw-b", "pb"), new FleetHome("home-a", "gw-a", "pa")), "hearth-cloud", "pc"));
        assertThat(acl).contains("""
                user hearth-cloud
                topic read hearth/v1/#
                topic write hearth/v1/+/+/commands
                """).contains("""
                user gw-a
                topic write hearth/v1/home-a/gw-a/#
                topic write hearth/v1/home-a/replies/#
                topic read hearth/v1/home-a/gw-a/commands
                """);
        assertThat(acl.indexOf("user gw-a")).isLessThan(acl.indexOf("user gw-b"));
        assertThat(acl).doesNotContain("pattern").doesNotContain("pa\n").doesNotContain("pb");
    }
}
