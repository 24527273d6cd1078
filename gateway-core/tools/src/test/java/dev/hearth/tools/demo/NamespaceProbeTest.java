package dev.hearth.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamespaceProbeTest {
    private final List<List<String>> ran = new ArrayList<>();

    private NamespaceProbe.Runner exits(int... codes) {
        return command -> {
            ran.add(command);
            return codes[ran.size() - 1];
        };
    }

    @Test
    void prefersAPlainNetworkNamespaceWhenItWorks() throws Exception {
        Isolation i = NamespaceProbe.probe("Linux", exits(0));
        assertThat(i).isEqualTo(new Isolation.Namespace(List.of("unshare", "--net")));
        assertThat(ran).hasSize(1);
        assertThat(ran.get(0)).startsWith("unshare", "--net", "sh", "-c");
        assertThat(ran.get(0).get(4)).contains("ip link set lo up");
    }

    @Test
    void mapsTheUserToRootWhenAPlainNamespaceIsRefused() throws Exception {
        Isolation i = NamespaceProbe.probe("Linux", exits(1, 0));
        assertThat(i).isEqualTo(new Isolation.Namespace(List.of("unshare", "--net", "--map-root-user")));
        assertThat(ran.get(1)).startsWith("unshare", "--net", "--map-root-user", "sh");
    }

    @Test
    void explainsWhyWhenNeitherWorks() throws Exception {
        NamespaceProbe.Runner missing = command -> {
            ran.add(command);
            if (ran.size() == 1) return 1;
            throw new IOException("Cannot run program \"unshare\"");
        };
        Isolation i = NamespaceProbe.probe("Linux", missing);
        assertThat(i).isInstanceOf(Isolation.Unavailable.class);
        String reason = ((Isolation.Unavailable) i).reason();
        assertThat(reason).contains("'unshare --net' exited with 1")
                .contains("'unshare --net --map-root-user' cannot run: Cannot run program")
                .contains("unprivileged_userns_clone");
    }

    @Test
    void doesNotTryOutsideLinux() throws Exception {
        Isolation i = NamespaceProbe.probe("Mac OS X", exits());
        assertThat(i).isInstanceOf(Isolation.Unavailable.class);
        assertThat(((Isolation.Unavailable) i).reason()).contains("Linux").contains("Mac OS X");
        assertThat(ran).isEmpty();
    }
}
