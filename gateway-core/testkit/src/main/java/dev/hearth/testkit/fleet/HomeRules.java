package dev.hearth.testkit.fleet;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Who may publish and subscribe where in a fleet of homes on one broker (DESIGN.md section 7, "Per-home
 * isolation"), decided on MQTT topic names and filters: the one rule set behind the Mosquitto ACL
 * file ({@link MosquittoAcl}) and the Artemis security manager ({@link HomeSecurityManager}).
 *
 * <ul>
 *   <li>a gateway publishes only under {@code <prefix>/<its home>/<its id>/...} and to its home's
 *       reply topics {@code <prefix>/<its home>/replies/...}; it subscribes only to its own
 *       {@code commands} topic, exactly (no wildcard);
 *   <li>the cloud service reads every home ({@code <prefix>/#}) and publishes only commands;
 *   <li>anyone else: nothing.
 * </ul>
 */
public final class HomeRules {
    /** What a client wants to do with a topic (publish) or a topic filter (subscribe). */
    public enum Action { PUBLISH, SUBSCRIBE }

    private final String prefix;
    private final Map<String, FleetHome> gateways;
    private final String cloudUser;
    private final String cloudPassword;

    public HomeRules(String prefix, List<FleetHome> homes, String cloudUser, String cloudPassword) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        if (prefix.isEmpty() || prefix.contains("+") || prefix.contains("#") || prefix.startsWith("/") || prefix.endsWith("/")) {
            throw new IllegalArgumentException("bad prefix " + prefix);
        }
        this.gateways = homes.stream().collect(Collectors.toUnmodifiableMap(FleetHome::gateway, Function.identity()));
        FleetHome.requireId("cloud user", cloudUser);
        if (gateways.containsKey(cloudUser)) throw new IllegalArgumentException("the cloud user is also a gateway: " + cloudUser);
        this.cloudUser = cloudUser;
        this.cloudPassword = Objects.requireNonNull(cloudPassword, "cloudPassword");
    }

    public String prefix() {
        return prefix;
    }

    public String cloudUser() {
        return cloudUser;
    }

    String cloudPassword() {
        return cloudPassword;
    }

    public List<FleetHome> homes() {
        return List.copyOf(gateways.values());
    }

    /** The user if the password is right; empty otherwise (unknown users included). */
    public Optional<String> authenticate(String user, String password) {
        if (user == null || password == null) return Optional.empty();
        if (user.equals(cloudUser)) return constantTimeEquals(password, cloudPassword) ? Optional.of(user) : Optional.empty();
        FleetHome g = gateways.get(user);
        return g != null && constantTimeEquals(password, g.password()) ? Optional.of(user) : Optional.empty();
    }

    /** Whether {@code user} may do {@code action} on {@code topic} (a topic name to publish, a filter to subscribe). */
    public boolean allows(String user, Action action, String topic) {
        if (user == null || topic == null || topic.isEmpty()) return false;
        if (user.equals(cloudUser)) {
            return switch (action) {
                case SUBSCRIBE -> topic.equals(prefix + "/#") || (topic.startsWith(prefix + "/") && !topic.startsWith(prefix + "/#/"));
                case PUBLISH -> isCommandsTopic(topic);
            };
        }
        FleetHome g = gateways.get(user);
        if (g == null) return false;
        String home = prefix + "/" + g.home() + "/";
        return switch (action) {
            case PUBLISH -> !hasWildcard(topic)
                    && (topic.startsWith(home + g.gateway() + "/") || topic.startsWith(home + "replies/"));
            case SUBSCRIBE -> topic.equals(home + g.gateway() + "/commands");
        };
    }

    /** {@code <prefix>/<home>/<gateway>/commands} with concrete levels. */
    private boolean isCommandsTopic(String topic) {
        if (hasWildcard(topic) || !topic.startsWith(prefix + "/")) return false;
        String[] rest = topic.substring(prefix.length() + 1).split("/", -1);
        return rest.length == 3 && !rest[0].isEmpty() && !rest[1].isEmpty() && rest[2].equals("commands");
    }

    private static boolean hasWildcard(String topic) {
        return topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0;
    }

    private static boolean constantTimeEquals(String a, String b) {
        return java.security.MessageDigest.isEqual(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
