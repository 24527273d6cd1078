package dev.hearth.tools.ctl;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ctl policy log}: the gateway's signed, hash-chained policy log, from its local API. */
@Command(name = "policy", description = "The gateway's policy log.", subcommands = PolicyCommand.Log.class)
final class PolicyCommand {

    @Command(name = "log", mixinStandardHelpOptions = true, description = "Print the policy log (GET /api/v1/policy/log).")
    static final class Log implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Option(names = "--gateway-url", defaultValue = "http://127.0.0.1:8080", description = "the gateway's local API (default: ${DEFAULT-VALUE})")
        URI url;
        @Option(names = "--token-file", required = true, description = "the gateway's api-token file") Path tokenFile;

        @Override
        public Integer call() throws Exception {
            HttpRequest req = HttpRequest.newBuilder(url.resolve("/api/v1/policy/log"))
                    .header("Authorization", "Bearer " + Files.readString(tokenFile, StandardCharsets.US_ASCII).strip()).GET().build();
            HttpResponse<String> r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
            (r.statusCode() == 200 ? spec.commandLine().getOut() : spec.commandLine().getErr()).println(r.body());
            return r.statusCode() == 200 ? 0 : 1;
        }
    }
}
