package dev.hearth.tools.ctl;

import dev.hearth.protocols.cloud.v1.ListSharesOp;
import dev.hearth.protocols.cloud.v1.RespondShareOp;
import dev.hearth.protocols.cloud.v1.RevokeShareOp;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ctl shares}, {@code ctl accept SHARE}, {@code ctl decline SHARE}, {@code ctl revoke SHARE}:
 * with the {@code --as} user's own key on this machine, SHARE is a grant id and the answer or
 * revoke a policy object signed with that key ({@code home.trust: users}); otherwise cloud-era
 * share commands signed with {@code --key}.
 */
final class ShareAnswerCommands {
    private ShareAnswerCommands() {
    }

    /**
     * With the user's own key: an accept or decline signed over the hash of the grant object the
     * gateway lists, checked here first; otherwise a respond_share command signed with {@code --key}.
     */
    static int answer(CommandSpec spec, CtlOptions options, String user, String share, boolean accept) {
        if (!hasOwnKey(spec, options, user)) {
            return SignedRequest.run(spec, options, user, "", b -> b.setRespondShare(RespondShareOp.newBuilder().setShareId(share).setAccept(accept)));
        }
        return SignedRequest.converse(spec, options, r -> new PolicyRequests(r, user, r.own(user).orElseThrow()).answer(share, accept));
    }

    private static boolean hasOwnKey(CommandSpec spec, CtlOptions options, String user) {
        try {
            return UserKeyFiles.read(options.usersDir(), user, options.home, options.gateway).isPresent();
        } catch (java.io.IOException e) {
            return false; // SignedRequest.run reports the unreadable key
        }
    }

    @Command(name = "shares", mixinStandardHelpOptions = true,
            description = "List the user's shares, given and received (the owner sees all; with trust: users, also those on scopes the user manages).")
    static final class List implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin CtlOptions options;
        @Mixin UserOption as;

        @Override
        public Integer call() {
            return SignedRequest.run(spec, options, as.user, "", b -> b.setListShares(ListSharesOp.getDefaultInstance()));
        }
    }

    @Command(name = "accept", mixinStandardHelpOptions = true, description = "Accept a share offered to the user.")
    static final class Accept implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin CtlOptions options;
        @Mixin UserOption as;

        @Parameters(index = "0", paramLabel = "SHARE", description = "share id")
        String share;

        @Override
        public Integer call() {
            return answer(spec, options, as.user, share, true);
        }
    }

    @Command(name = "decline", mixinStandardHelpOptions = true, description = "Decline a share offered to the user.")
    static final class Decline implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin CtlOptions options;
        @Mixin UserOption as;

        @Parameters(index = "0", paramLabel = "SHARE", description = "share id")
        String share;

        @Override
        public Integer call() {
            return answer(spec, options, as.user, share, false);
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "End a share (its granter, the owner, or a MANAGE holder on its scope).")
    static final class Revoke implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin CtlOptions options;
        @Mixin UserOption as;

        @Parameters(index = "0", paramLabel = "SHARE", description = "share id")
        String share;

        @Override
        public Integer call() {
            if (!hasOwnKey(spec, options, as.user)) {
                return SignedRequest.run(spec, options, as.user, "", b -> b.setRevokeShare(RevokeShareOp.newBuilder().setShareId(share)));
            }
            return SignedRequest.converse(spec, options, r -> new PolicyRequests(r, as.user, r.own(as.user).orElseThrow()).revoke(share));
        }
    }
}
