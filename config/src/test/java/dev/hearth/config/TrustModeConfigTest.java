package dev.hearth.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** home.trust (issue 16): users or cloud; a file naming none leaves it to the data directory (TrustModeRecord). */
class TrustModeConfigTest {
    private static ConfigResult parse(String home) {
        return new ConfigLoader(Map.of()).parse("home: { id: h1, owner: u1" + home + " }\ngateway: { id: gw-1 }\n", Path.of("/etc/hearth"));
    }

    @Test
    void aConfigurationNamingNoModeLeavesItToTheDataDirectory() {
        assertThat(((ConfigResult.Valid) parse("")).config().home().trust()).isEmpty();
    }

    @Test
    void usersAndCloudAreRead() {
        assertThat(((ConfigResult.Valid) parse(", trust: users")).config().home().trust()).contains(TrustMode.USERS);
        assertThat(((ConfigResult.Valid) parse(", trust: cloud")).config().home().trust()).contains(TrustMode.CLOUD);
    }

    @Test
    void anUnknownModeIsAProblemNotADefault() {
        ConfigResult r = parse(", trust: anyone");
        assertThat(r).isInstanceOf(ConfigResult.Invalid.class);
        assertThat(((ConfigResult.Invalid) r).problems().toString()).contains("home.trust").contains("users, cloud");
    }
}
