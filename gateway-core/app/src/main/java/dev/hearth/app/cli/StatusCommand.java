package dev.hearth.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.config.ConfigLoader;
import dev.hearth.config.ConfigResult;
import dev.hearth.config.HearthConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hearth status}: the running gateway's readiness, device count, broker link and storage, from its /readyz. */
@Command(name = "status",
        mixinStandardHelpOptions = true,
        versionProvider = HearthVersion.class,
        description = {"Ask the gateway running with this configuration how it is: ready or not,",
                "devices known, the cloud link, storage (its local /readyz; no token needed)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:running and ready", "1:running but not ready (the output says why)",
                "2:invalid configuration or arguments", "3:no gateway answers at the configured address"})
public final class StatusCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParentCommand
    private HearthCli parent;

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "/etc/hearth/hearth.yaml",
            description = "The gateway's configuration (default: ${DEFAULT-VALUE}).")
    private Path configFile;

    @Option(names = "--json", description = "Print the gateway's answer as JSON.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ConfigResult result = new ConfigLoader(parent.environment()).load(configFile);
        if (result instanceof ConfigResult.Invalid invalid) {
            invalid.problems().forEach(p -> err.println(p.toString()));
            err.flush();
            return 2;
        }
        HearthConfig config = ((ConfigResult.Valid) result).config();
        if (!config.http().enabled() || config.http().port() == 0) {
            err.println("hearth status: the configuration has no fixed local API port (http.enabled, http.port); nothing to ask");
            err.flush();
            return 2;
        }
        String host = config.http().bind().isAnyLocalAddress() ? "127.0.0.1" : config.http().bind().getHostAddress();
        URI uri = URI.create("http://" + host + ":" + config.http().port() + "/readyz");
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        HttpResponse<String> answer;
        try {
            answer = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            err.println("hearth status: no gateway answers at " + uri + " (" + e.getClass().getSimpleName() + "); is it running?");
            err.flush();
            return 3;
        }
        JsonNode body;
        try {
            body = JSON.readTree(answer.body());
        } catch (IOException e) {
            err.println("hearth status: " + uri + " answered " + answer.statusCode() + " with something that is not a gateway's readiness");
            err.flush();
            return 3;
        }
        boolean ready = body.path("ready").asBoolean(false);
        if (json) {
            out.println(JSON.writeValueAsString(body));
        } else {
            out.printf("gateway %s of home %s: %s%n", config.gateway().id(), config.home().id(), ready ? "ready" : "NOT ready");
            out.printf("  devices: %d%n  cloud:   %s%n  storage: %s%n", body.path("devices").asInt(),
                    body.path("broker").asText("?"), body.path("storage").asText("?"));
        }
        out.flush();
        return ready ? 0 : 1;
    }
}
