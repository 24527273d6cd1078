package dev.hearth.tools.ctl;

import dev.hearth.protocols.cloud.v1.EraseUserDataOp;
import dev.hearth.protocols.cloud.v1.ExportUserDataOp;
import dev.hearth.protocols.cloud.v1.WithdrawConsentOp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ctl privacy export|erase|withdraw}: a user's rights on the running gateway (DESIGN.md
 * section 13). Through the cloud, signed with the user's own key ({@code --as USER}); or, with
 * {@code --token-file}, by the owner on the local API for {@code --user USER}. Exit 1 with "no data
 * held for user U" when the home holds nothing about them; erase and withdraw ask for confirmation
 * unless {@code --yes}.
 */
@Command(name = "privacy", description = "A user's data rights on the running gateway: export, erase, withdraw consent.",
        subcommands = {PrivacyCtlCommand.Export.class, PrivacyCtlCommand.Erase.class, PrivacyCtlCommand.Withdraw.class})
final class PrivacyCtlCommand {

    /** Who asks about whom: a user through the cloud, or the owner locally. */
    static class Who {
        @Option(names = "--as", paramLabel = "USER", description = "the user asking, signing with their own key (through the cloud)")
        String as;

        @Option(names = "--user", paramLabel = "USER", description = "whom it is about (default: the --as user; with --token-file, required)")
        String user;
    }

    abstract static class Request implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin CtlOptions options;
        @Mixin LocalApiCall local;
        @Mixin Who who;

        /**
         * The subject: {@code --user}, or through the cloud the signer themself ("" on the wire:
         * the gateway takes the signer's id); null after printing why there is none.
         */
        String subject() {
            if (local.local()) {
                if (who.user == null || who.user.isBlank()) {
                    spec.commandLine().getErr().println("--user is required with --token-file");
                    return null;
                }
                return who.user;
            }
            if (who.as == null || who.as.isBlank()) {
                spec.commandLine().getErr().println("--as is required (or --token-file and --user)");
                return null;
            }
            return who.user != null ? who.user : "";
        }

        /** For the confirmation question: whom it is about, as the person typed it. */
        String shown(String subject) {
            return subject.isEmpty() ? who.as : subject;
        }

        int usage(String message) {
            spec.commandLine().getErr().println(message);
            return 2;
        }

        String path(String subject, String what) {
            return "/api/v1/privacy/users/" + URLEncoder.encode(subject, StandardCharsets.UTF_8) + "/" + what;
        }
    }

    abstract static class Destructive extends Request {
        @Option(names = "--yes", description = "do not ask for confirmation") boolean yes;

        /** Whether the person at the terminal typed the user id back; {@code --yes} skips the question. */
        boolean confirmed(String what, String subject) {
            if (yes) return true;
            var out = spec.commandLine().getOut();
            out.print(what + " for user " + subject + " cannot be undone. Type the user id to go ahead: ");
            out.flush();
            try {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (line != null && line.strip().equals(subject)) return true;
            } catch (IOException e) {
                // no terminal to ask: not confirmed
            }
            spec.commandLine().getErr().println("not confirmed: nothing was changed (use --yes to skip the question)");
            return false;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Everything the home holds about a user, as JSON (exit 1: no data held for the user).")
    static final class Export extends Request {
        @Override
        public Integer call() {
            String subject = subject();
            if (subject == null) return 2;
            if (local.local()) return local.call(spec, "GET", path(subject, "export"), null);
            if (!subject.isEmpty()) return usage("through the cloud a user exports only their own data (no --user); the owner uses --token-file");
            return SignedRequest.run(spec, options, who.as, "", b -> b.setExportUserData(ExportUserDataOp.getDefaultInstance()));
        }
    }

    @Command(name = "erase", mixinStandardHelpOptions = true,
            description = "Erase a user: their key (a tombstone), grants, shares, queued messages; audit entries anonymised.")
    static final class Erase extends Destructive {
        @Override
        public Integer call() {
            String subject = subject();
            if (subject == null) return 2;
            if (!confirmed("Erasure", shown(subject))) return 1;
            if (local.local()) return local.call(spec, "POST", path(subject, "erase"), "{\"confirm\":true}");
            return SignedRequest.run(spec, options, who.as, "", b -> b.setEraseUserData(EraseUserDataOp.newBuilder().setSubject(subject)));
        }
    }

    @Command(name = "withdraw", mixinStandardHelpOptions = true,
            description = "Withdraw a user's consent (注销): nothing more is collected about them, and what is held is erased.")
    static final class Withdraw extends Destructive {
        @Override
        public Integer call() {
            String subject = subject();
            if (subject == null) return 2;
            if (!local.local() && !subject.isEmpty()) {
                return usage("through the cloud only the user themself withdraws (no --user); the owner does it for them with --token-file");
            }
            if (!confirmed("Withdrawal of consent", shown(subject))) return 1;
            if (local.local()) return local.call(spec, "POST", path(subject, "withdraw"), "{\"confirm\":true}");
            return SignedRequest.run(spec, options, who.as, "", b -> b.setWithdrawConsent(WithdrawConsentOp.getDefaultInstance()));
        }
    }
}
