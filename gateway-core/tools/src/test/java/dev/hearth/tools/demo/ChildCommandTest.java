package dev.hearth.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChildCommandTest {
    private static final Isolation.Namespace USER_NS = new Isolation.Namespace(List.of("unshare", "--net", "--map-root-user"));
    private static final String CLASS_PATH = "/opt/hearth dir/core.jar:/opt/hearth dir/lib/a'b.jar";

    @Test
    void runsTheSameJavaAndClassPathAsArgumentsNotThroughTheShell() {
        List<String> c = NamespacedDemo.childCommand(USER_NS, "/usr/bin/java", CLASS_PATH, "dev.hearth.app.cli.HearthCli",
                new DemoOptions(18081, 11884, Optional.empty()), Path.of("/tmp/hearth-demo-1"));
        assertThat(c.subList(0, 6)).containsExactly("unshare", "--net", "--map-root-user", "sh", "-c", c.get(5));
        String script = c.get(5);
        assertThat(script).contains("ip link set lo up")
                .contains("ip addr replace 127.0.0.2/32 dev lo")
                .contains("ip addr replace 127.0.0.3/32 dev lo")
                .endsWith("exec \"$@\"")
                .doesNotContain(CLASS_PATH);
        assertThat(c.subList(6, c.size())).containsExactly("sh", "/usr/bin/java", "-cp", CLASS_PATH,
                "dev.hearth.app.cli.HearthCli", "demo", "--inside", "--relay-dir", "/tmp/hearth-demo-1",
                "--http-port", "18081", "--broker-port", "11884");
    }

    @Test
    void passesTheDurationOn() {
        List<String> c = NamespacedDemo.childCommand(new Isolation.Namespace(List.of("unshare", "--net")), "java", "cp", "dev.hearth.app.cli.HearthCli",
                new DemoOptions(8080, 1883, Optional.of(Duration.ofSeconds(40))), Path.of("/tmp/d"));
        assertThat(c).startsWith("unshare", "--net", "sh", "-c").endsWith("--duration", "40");
    }
}
