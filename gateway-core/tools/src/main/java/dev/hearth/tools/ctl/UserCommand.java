package dev.hearth.tools.ctl;

import dev.hearth.core.trust.UserSigner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ctl user init|list|show|enroll}: users' own keys (DESIGN.md section 6). {@code init} makes
 * one as a phone would; {@code enroll} enrols it as an owner key over the gateway's local API, with
 * the API token or the one-time setup code (never through MQTT).
 */
@Command(name = "user", description = "Users' own keys.", subcommands = {UserCommand.Init.class, UserCommand.ListKeys.class,
        UserCommand.Show.class, UserCommand.Enroll.class})
final class UserCommand {

    static class Dir {
        @Option(names = "--users-dir", description = "where user keys live (default: $XDG_CONFIG_HOME/hearth/users or ~/.config/hearth/users)")
        Path dir;

        Path dir() {
            return dir != null ? dir : UserKeyFiles.defaultDir();
        }
    }

    @Command(name = "init", mixinStandardHelpOptions = true, description = "Make a new user key (NAME.key, owner-only) and print its fingerprint.")
    static final class Init implements Callable<Integer> {
        @Spec CommandSpec spec;
        @picocli.CommandLine.Mixin Dir dir;
        @Option(names = "--name", required = true, description = "the user's name on this machine") String name;

        @Override
        public Integer call() {
            try {
                UserSigner s = UserKeyFiles.create(dir.dir(), name, "-", "-");
                print(spec, name, s);
                return 0;
            } catch (IOException | IllegalArgumentException e) {
                spec.commandLine().getErr().println("cannot make the key: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the user keys on this machine.")
    static final class ListKeys implements Callable<Integer> {
        @Spec CommandSpec spec;
        @picocli.CommandLine.Mixin Dir dir;

        @Override
        public Integer call() throws IOException {
            if (!Files.isDirectory(dir.dir())) return 0;
            List<Path> keys;
            try (Stream<Path> files = Files.list(dir.dir())) {
                keys = files.filter(p -> p.getFileName().toString().endsWith(".key")).sorted().toList();
            }
            for (Path p : keys) {
                String name = p.getFileName().toString().replaceFirst("\\.key$", "");
                Optional<UserSigner> s = UserKeyFiles.read(dir.dir(), name, "-", "-");
                s.ifPresent(signer -> spec.commandLine().getOut().println(name + " " + signer.fingerprint()));
            }
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print a user key's fingerprint and public key.")
    static final class Show implements Callable<Integer> {
        @Spec CommandSpec spec;
        @picocli.CommandLine.Mixin Dir dir;
        @Parameters(index = "0", description = "the user's name") String name;

        @Override
        public Integer call() throws IOException {
            Optional<UserSigner> s = UserKeyFiles.read(dir.dir(), name, "-", "-");
            if (s.isEmpty()) {
                spec.commandLine().getErr().println("no key for " + name + " in " + dir.dir());
                return 1;
            }
            print(spec, name, s.get());
            return 0;
        }
    }

    @Command(name = "enroll", mixinStandardHelpOptions = true,
            description = "Enrol a user key as an owner key over the gateway's local API (API token or setup code).")
    static final class Enroll implements Callable<Integer> {
        @Spec CommandSpec spec;
        @picocli.CommandLine.Mixin Dir dir;
        @Parameters(index = "0", description = "the user's name") String name;
        @Option(names = "--gateway-url", defaultValue = "http://127.0.0.1:8080", description = "the gateway's local API (default: ${DEFAULT-VALUE})")
        URI url;
        @Option(names = "--setup-code", description = "the one-time setup code (in the gateway's data directory)") String setupCode;
        @Option(names = "--token-file", description = "the gateway's api-token file, instead of a setup code") Path tokenFile;

        @Override
        public Integer call() throws IOException, InterruptedException {
            Optional<UserSigner> s = UserKeyFiles.read(dir.dir(), name, "-", "-");
            if (s.isEmpty()) {
                spec.commandLine().getErr().println("no key for " + name + " in " + dir.dir() + " (make one with `ctl user init --name " + name + "`)");
                return 2;
            }
            if ((setupCode == null) == (tokenFile == null)) {
                spec.commandLine().getErr().println("give exactly one of --setup-code and --token-file");
                return 2;
            }
            String body = "{\"publicKey\":\"" + Base64.getEncoder().encodeToString(s.get().key().raw().toByteArray()) + "\",\"name\":\""
                    + name + "\"" + (setupCode != null ? ",\"setupCode\":\"" + setupCode.replaceAll("[^A-Za-z0-9-]", "") + "\"" : "") + "}";
            HttpRequest.Builder req = HttpRequest.newBuilder(url.resolve(setupCode != null ? "/api/v1/owners/setup" : "/api/v1/owners"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
            if (tokenFile != null) req.header("Authorization", "Bearer " + Files.readString(tokenFile, StandardCharsets.US_ASCII).strip());
            HttpResponse<String> r = HttpClient.newHttpClient().send(req.build(), HttpResponse.BodyHandlers.ofString());
            (r.statusCode() == 201 ? spec.commandLine().getOut() : spec.commandLine().getErr()).println(r.statusCode() + " " + r.body());
            return r.statusCode() == 201 ? 0 : 1;
        }
    }

    private static void print(CommandSpec spec, String name, UserSigner s) {
        var out = spec.commandLine().getOut();
        out.println("user:        " + name);
        out.println("fingerprint: " + s.fingerprint());
        out.println("public key:  " + Base64.getEncoder().encodeToString(s.key().raw().toByteArray()));
        out.flush();
    }
}
