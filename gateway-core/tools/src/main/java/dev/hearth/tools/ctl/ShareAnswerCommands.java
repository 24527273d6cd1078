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

/** {@code ctl shares}, {@code ctl accept SHARE}, {@code ctl decline SHARE}, {@code ctl revoke SHARE}. */
final class ShareAnswerCommands {
    private ShareAnswerCommands() {
    }

    @Command(name = "shares", mixinStandardHelpOptions = true,
            description = "List the user's shares, given and received (the owner sees all).")
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
            return SignedRequest.run(spec, options, as.user, "", b -> b.setRespondShare(RespondShareOp.newBuilder().setShareId(share).setAccept(true)));
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
            return SignedRequest.run(spec, options, as.user, "", b -> b.setRespondShare(RespondShareOp.newBuilder().setShareId(share).setAccept(false)));
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
            return SignedRequest.run(spec, options, as.user, "", b -> b.setRevokeShare(RevokeShareOp.newBuilder().setShareId(share)));
        }
    }
}
