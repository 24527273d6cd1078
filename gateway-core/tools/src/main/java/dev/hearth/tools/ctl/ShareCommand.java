package dev.hearth.tools.ctl;

import dev.hearth.protocols.cloud.v1.CreateShareOp;
import dev.hearth.protocols.cloud.v1.Privilege;
import dev.hearth.protocols.cloud.v1.Scope;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ctl share DEVICE|ROOM|home --to USER --privilege view|operate|manage [--expires 2h] --as USER}. */
@Command(name = "share", mixinStandardHelpOptions = true,
        description = "Offer a share of a device, a room or the whole home; it starts PENDING until the grantee accepts.")
final class ShareCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CtlOptions options;
    @Mixin UserOption as;

    @Parameters(index = "0", paramLabel = "TARGET",
            description = "home, a room id or name, a device id (or room:X / device:X to say which)")
    String target;

    @Option(names = "--to", required = true, paramLabel = "USER", description = "the grantee")
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
            long expiresAt = expires == null ? 0 : System.currentTimeMillis() + expires.toMillis();
            return r.print(r.send(as.user, "", b -> b.setCreateShare(CreateShareOp.newBuilder()
                    .setScope(scope).setGrantee(grantee).setPrivilege(chosen).setExpiresAtMs(expiresAt))));
        });
    }
}
