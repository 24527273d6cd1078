package dev.hearth.testkit.fleet;

import java.util.Comparator;

/**
 * The {@link HomeRules} as a Mosquitto {@code acl_file}: one {@code user} block per gateway,
 * generated from the fleet's homes. Mosquitto's {@code pattern} lines cannot do it alone: {@code %u}
 * is the whole user name (the gateway id), so a pattern can bind the gateway level but not the
 * home level above it. Mosquitto denies whatever no line allows.
 */
public final class MosquittoAcl {
    private MosquittoAcl() {
    }

    public static String render(HomeRules rules) {
        String p = rules.prefix();
        var out = new StringBuilder()
                .append("# Hearth fleet: per-home isolation (generated; see docs/DESIGN.md section 7)\n")
                .append("# the cloud service reads every home and writes commands only\n")
                .append("user ").append(rules.cloudUser()).append('\n')
                .append("topic read ").append(p).append("/#\n")
                .append("topic write ").append(p).append("/+/+/commands\n");
        rules.homes().stream().sorted(Comparator.comparing(FleetHome::home).thenComparing(FleetHome::gateway)).forEach(g -> {
            String home = p + "/" + g.home();
            out.append('\n')
                    .append("user ").append(g.gateway()).append('\n')
                    .append("topic write ").append(home).append('/').append(g.gateway()).append("/#\n")
                    .append("topic write ").append(home).append("/replies/#\n")
                    .append("topic read ").append(home).append('/').append(g.gateway()).append("/commands\n");
        });
        return out.toString();
    }
}
