package dev.hearth.testkit.fleet;

import dev.hearth.testkit.FreePort;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.activemq.artemis.core.config.ClusterConnectionConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.cluster.impl.MessageLoadBalancingType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * A cluster of Apache ActiveMQ Artemis 2.40 nodes in this JVM, on 127.0.0.1 (docs: TESTING.md):
 * each node has a CORE acceptor for the cluster and an MQTT acceptor, static connectors to every
 * other node, ON_DEMAND load balancing (a message goes to the nodes with a matching subscriber),
 * no persistence. With {@link HomeSecurityManager} every client check goes through the fleet's
 * per-home rules. A node can be killed ({@link #kill}) and started again on the same ports.
 */
public final class ArtemisCluster implements AutoCloseable {
    private static final String CLUSTER_USER = "hearth-cluster";

    private final int[] corePorts;
    private final int[] mqttPorts;
    private final Path dir;
    private final Optional<HomeSecurityManager> security;
    private final String clusterPassword;
    private final EmbeddedActiveMQ[] nodes;

    private ArtemisCluster(int size, Path dir, Optional<HomeSecurityManager> security) {
        this.corePorts = new int[size];
        this.mqttPorts = new int[size];
        for (int i = 0; i < size; i++) {
            corePorts[i] = FreePort.pick();
            mqttPorts[i] = FreePort.pick();
        }
        this.dir = dir;
        this.security = security;
        this.clusterPassword = java.util.UUID.randomUUID().toString();
        this.nodes = new EmbeddedActiveMQ[size];
    }

    /** Starts {@code size} nodes; their data directories go under {@code dir}. */
    public static ArtemisCluster start(int size, Path dir, Optional<HomeSecurityManager> security) {
        if (size < 1 || size > 8) throw new IllegalArgumentException("1 to 8 nodes");
        var c = new ArtemisCluster(size, dir, security);
        for (int i = 0; i < size; i++) c.startNode(i);
        return c;
    }

    public int size() {
        return nodes.length;
    }

    /** The MQTT URI of node {@code i}. */
    public URI mqtt(int i) {
        return URI.create("tcp://127.0.0.1:" + mqttPorts[i]);
    }

    public List<URI> mqttUris() {
        var out = new ArrayList<URI>();
        for (int i = 0; i < nodes.length; i++) out.add(mqtt(i));
        return out;
    }

    public boolean running(int i) {
        return nodes[i] != null;
    }

    /** Starts node {@code i} (again, after {@link #kill}: same ports, empty state). */
    public synchronized void startNode(int i) {
        if (nodes[i] != null) return;
        var c = new ConfigurationImpl();
        c.setName("node" + i);
        c.setPersistenceEnabled(false);
        c.setJMXManagementEnabled(false);
        c.setSecurityEnabled(security.isPresent());
        c.setClusterUser(CLUSTER_USER);
        c.setClusterPassword(clusterPassword);
        Path home = dir.resolve("node" + i);
        c.setJournalDirectory(home.resolve("journal").toString());
        c.setBindingsDirectory(home.resolve("bindings").toString());
        c.setLargeMessagesDirectory(home.resolve("large").toString());
        c.setPagingDirectory(home.resolve("paging").toString());
        c.setNodeManagerLockDirectory(home.resolve("lock").toString());
        // checks decided by the rules, not cached past a rule change in a test
        c.setSecurityInvalidationInterval(1_000);
        try {
            c.addAcceptorConfiguration("core", "tcp://127.0.0.1:" + corePorts[i] + "?protocols=CORE");
            c.addAcceptorConfiguration("mqtt", "tcp://127.0.0.1:" + mqttPorts[i] + "?protocols=MQTT");
            c.addConnectorConfiguration("self", "tcp://127.0.0.1:" + corePorts[i]);
            var others = new ArrayList<String>();
            for (int j = 0; j < nodes.length; j++) {
                if (j == i) continue;
                c.addConnectorConfiguration("node" + j, "tcp://127.0.0.1:" + corePorts[j]);
                others.add("node" + j);
            }
            if (!others.isEmpty()) {
                c.addClusterConfiguration(new ClusterConnectionConfiguration()
                        .setName("hearth")
                        .setConnectorName("self")
                        .setStaticConnectors(others)
                        .setMessageLoadBalancingType(MessageLoadBalancingType.ON_DEMAND)
                        .setMaxHops(1)
                        .setRetryInterval(200)
                        .setMaxRetryInterval(1_000)
                        .setReconnectAttempts(-1));
            }
            var node = new EmbeddedActiveMQ();
            node.setConfiguration(c);
            security.ifPresent(node::setSecurityManager);
            node.start();
            nodes[i] = node;
        } catch (Exception e) {
            throw new IllegalStateException("Artemis node " + i + " did not start: " + e, e);
        }
    }

    /** Stops node {@code i} at once: its clients lose their connections, its queues are gone. */
    public synchronized void kill(int i) {
        EmbeddedActiveMQ node = nodes[i];
        if (node == null) return;
        nodes[i] = null;
        try {
            node.getActiveMQServer().fail(false);
        } catch (Exception e) {
            throw new IllegalStateException("Artemis node " + i + " did not stop: " + e, e);
        }
    }

    @Override
    public synchronized void close() {
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i] == null) continue;
            try {
                nodes[i].stop();
            } catch (Exception e) {
                // the next test's broker has other ports; nothing is left to clean up but threads
            }
            nodes[i] = null;
        }
    }
}
