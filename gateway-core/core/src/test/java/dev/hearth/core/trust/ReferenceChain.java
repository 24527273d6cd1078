package dev.hearth.core.trust;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The chain rule of issue 16 written a second time, for the property test, straight from the issue
 * text and deliberately plain: every question scans every grant (no index), privileges are ints
 * (1 VIEW, 2 OPERATE, 3 MANAGE, 4 OWNER), scopes are strings ("home", "room:R", "device:D"), and
 * time is whole seconds. It shares no code with the gateway's trust package.
 */
final class ReferenceChain {
    static final int VIEW = 1, OPERATE = 2, MANAGE = 3, OWNER = 4;

    static final class G {
        final String id, granter, grantee, scope;
        final int privilege;
        final long notBefore, expires;
        String state = "PENDING";

        G(String id, String granter, String grantee, String scope, int privilege, long notBefore, long expires) {
            this.id = id;
            this.granter = granter;
            this.grantee = grantee;
            this.scope = scope;
            this.privilege = privilege;
            this.notBefore = notBefore;
            this.expires = expires;
        }
    }

    final Set<String> owners = new HashSet<>();
    final List<G> grants = new ArrayList<>();
    final Map<String, String> roomOf = new HashMap<>();

    /** The highest privilege (0: none) {@code user} holds on {@code target} at {@code now}, through at most {@code links} grants. */
    int right(String user, String target, long now, int links) {
        if (owners.contains(user)) return OWNER;
        if (links == 0) return 0;
        int best = 0;
        for (G g : grants) {
            if (!g.grantee.equals(user) || !g.state.equals("ACCEPTED")) continue;
            if (now < g.notBefore || now >= g.expires) continue;
            if (!covers(g.scope, target)) continue;
            if (!granterCould(g, now, links - 1)) continue;
            best = Math.max(best, g.privilege);
        }
        return best;
    }

    /** Whether {@code g}'s granter could give it at {@code now} through at most {@code links} grants of its own. */
    boolean granterCould(G g, long now, int links) {
        if (owners.contains(g.granter)) return true;
        if (g.privilege == OWNER) return false;
        int held = right(g.granter, g.scope, now, links);
        if (held == OWNER) return g.privilege <= MANAGE;
        return held >= MANAGE && g.privilege <= OPERATE;
    }

    boolean covers(String scope, String target) {
        if (scope.equals("home")) return true;
        if (scope.equals(target)) return true;
        return scope.startsWith("room:") && target.startsWith("device:")
                && scope.substring(5).equals(roomOf.get(target.substring(7)));
    }

    G find(String id) {
        for (G g : grants) if (g.id.equals(id)) return g;
        return null;
    }

    /** Offers a grant: whether the gateway must take it. */
    boolean grant(G g, long now) {
        if (find(g.id) != null || now >= g.expires || owners.contains(g.grantee)) return false;
        if (!granterCould(g, now, 1)) return false;
        grants.add(g);
        return true;
    }

    boolean accept(String signer, String id, long now) {
        G g = find(id);
        if (g == null || !g.grantee.equals(signer) || !g.state.equals("PENDING") || now >= g.expires) return false;
        if (!granterCould(g, now, 1)) return false;
        g.state = "ACCEPTED";
        return true;
    }

    boolean revoke(String signer, String id, long now) {
        G g = find(id);
        if (g == null) return false;
        if (!g.granter.equals(signer) && right(signer, g.scope, now, 2) < MANAGE) return false;
        if (g.state.equals("REVOKED") || g.state.equals("DECLINED")) return false;
        g.state = "REVOKED";
        return true;
    }
}
