package dev.hearth.tools.ctl;

import dev.hearth.protocols.cloud.v1.CreateShareOp;
import dev.hearth.protocols.cloud.v1.Privilege;
import dev.hearth.protocols.cloud.v1.Scope;
import dev.hearth.core.trust.UserKey;
import dev.hearth.core.trust.UserSigner;
import java.time.Duration;
import java.util.Optional;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ctl share DEVICE|ROOM|home --to USER --privilege view|operate|manage [--expires 2h] --as USER}.
 * When this machine holds the {@code --as} user's own key, the share is a grant signed with it
 * ({@code home.trust: users}; {@code --to} names the grantee's key; without {@code --expires} it runs
 * until revoked); otherwise a create_share command signed with {@code --key} ({@code trust: cloud}).
 */
@Command(name = "share", mixinStandardHelpOptions = true,
        description = "Offer a share of a device, a room or the whole home; it starts PENDING until the grantee accepts.")
final class ShareCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CtlOptions options;
    @Mixin UserOption as;

    @Parameters(index = "0", paramLabel = "TARGET",
            description = "home, a room id or name, a device id (or room:X / device:X to say which)")
    String target;

    @Option(names = "--to", required = true, paramLabel = "USER", description = "the grantee: a user id; with the --as user's own key, a user key name or a base64 public key")
    String grantee;

    @Option(names = "--privilege", required = true, paramLabel = "PRIVILEGE", description = "view, operate or manage")
    String privilege;

    @Option(names = "--expires", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "the share ends this long from now, e.g. 2h, 7d (default: never)")
    Duration expires;

    @Override
    public Integer call() {
        Privilege p;
        try {
            p = Privilege.valueOf(privilege.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            p = Privilege.UNRECOGNIZED;
        }
        if (p != Privilege.VIEW && p != Privilege.OPERATE && p != Privilege.MANAGE) {
            spec.commandLine().getErr().println("--privilege must be view, operate or manage, not \"" + privilege + "\"");
            return 2;
        }
        Privilege chosen = p;
        return SignedRequest.converse(spec, options, r -> {
            Scope scope = Targets.scope(r, as.user, target);
            Optional<UserSigner> own = r.own(as.user);
            if (own.isPresent()) {
                // the user's own key: a grant signed by the granter (home.trust: users), the grantee named by key
                Optional<UserKey> grantee = PolicyRequests.granteeKey(r, this.grantee);
                if (grantee.isEmpty()) {
                    r.err().println("--to must name a user key in " + options.usersDir() + " or be a base64 Ed25519 public key"
                            + " (`hearth ctl user show NAME` prints one), not \"" + this.grantee + "\"");
                    return 2;
                }
                try {
                    return new PolicyRequests(r, as.user, own.get()).grant(scope, grantee.get(),
                            dev.hearth.driver.api.model.Privilege.valueOf(chosen.name()), Optional.ofNullable(expires));
                } catch (IllegalArgumentException e) {
                    r.err().println("cannot share " + target + ": " + e.getMessage());
                    return 2;
                }
            }
            long expiresAt = expires == null ? 0 : System.currentTimeMillis() + expires.toMillis();
            return r.print(r.send(as.user, "", b -> b.setCreateShare(CreateShareOp.newBuilder()
                    .setScope(scope).setGrantee(grantee).setPrivilege(chosen).setExpiresAtMs(expiresAt))));
        });
    }
}
