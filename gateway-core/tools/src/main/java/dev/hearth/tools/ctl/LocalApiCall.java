package dev.hearth.tools.ctl;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The owner's way in on the LAN (a picocli mixin): the running gateway's local API with its token.
 * Exit codes as for signed commands: 0 done; 1 refused (404 "no data held for user U" among them);
 * 2 cannot reach the gateway or read the token.
 */
final class LocalApiCall {
    @Option(names = "--gateway-url", defaultValue = "http://127.0.0.1:8080", description = "the gateway's local API (default: ${DEFAULT-VALUE})")
    URI url;

    @Option(names = "--token-file", description = "the gateway's api-token file: act as the home owner on the local API instead of through the cloud")
    Path tokenFile;

    boolean local() {
        return tokenFile != null;
    }

    /** Sends {@code method path} with {@code body} (JSON, or null), prints the answer, returns the exit code. */
    int call(CommandSpec spec, String method, String path, String body) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            String token = Files.readString(tokenFile, StandardCharsets.US_ASCII).strip();
            HttpRequest req = HttpRequest.newBuilder(url.resolve(path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                    .build();
            HttpResponse<String> r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                out.println(r.body());
                out.flush();
                return 0;
            }
            err.println(r.statusCode() + " " + r.body());
            err.flush();
            return 1;
        } catch (IOException e) {
            err.println("cannot reach the gateway's local API at " + url + ": " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }
}
