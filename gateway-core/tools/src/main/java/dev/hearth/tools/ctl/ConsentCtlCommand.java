package dev.hearth.tools.ctl;

import dev.hearth.protocols.cloud.v1.SetUxConsentOp;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ctl consent show} (local API) and {@code ctl consent set ux on|off}: the home's
 * user-experience programme consent, by the owner, on the local API ({@code --token-file}) or
 * through the cloud signed with the owner's key ({@code --as OWNER}).
 */
@Command(name = "consent", description = "The home's user-experience programme consent.",
        subcommands = {ConsentCtlCommand.Show.class, ConsentCtlCommand.Set.class})
final class ConsentCtlCommand {

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show the consent and its history (local API).")
    static final class Show implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin LocalApiCall local;

        @Override
        public Integer call() {
            if (!local.local()) {
                spec.commandLine().getErr().println("--token-file is required: consent is shown on the gateway's local API");
                return 2;
            }
            return local.call(spec, "GET", "/api/v1/consent", null);
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Join (on) or leave (off) the user-experience programme.")
    static final class Set implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin CtlOptions options;
        @Mixin LocalApiCall local;
        @Parameters(index = "0", paramLabel = "ux", description = "what to set: ux") String what;
        @Parameters(index = "1", paramLabel = "on|off", description = "on or off") String value;
        @Option(names = "--as", paramLabel = "OWNER", description = "the owner, signing with their own key (through the cloud)") String as;

        @Override
        public Integer call() {
            if (!what.equals("ux")) return usage("only `ux` can be set (the user-experience programme)");
            if (!value.equals("on") && !value.equals("off")) return usage("expected on or off, not " + value);
            boolean joined = value.equals("on");
            if (local.local()) return local.call(spec, "POST", "/api/v1/consent/ux", "{\"joined\":" + joined + "}");
            if (as == null) return usage("--as OWNER is required (or --token-file)");
            return SignedRequest.run(spec, options, as, "", b -> b.setSetUxConsent(SetUxConsentOp.newBuilder().setJoined(joined)));
        }

        private int usage(String message) {
            spec.commandLine().getErr().println(message);
            return 2;
        }
    }
}
