package dev.hearth.tools.ctl;

import dev.hearth.core.cloud.command.Ed25519KeyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ctl keys init}: a new Ed25519 command-signing key pair. */
@Command(name = "keys", description = "Command-signing keys.", subcommands = KeysCommand.Init.class)
final class KeysCommand {

    @Command(name = "init", mixinStandardHelpOptions = true, description = "Write a new Ed25519 key pair and print the gateway config for it.")
    static final class Init implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--out", defaultValue = ".", description = "directory for command.key (owner-only) and command.pub")
        Path out;

        @Option(names = "--key-id", defaultValue = "ctl", description = "the id the gateway will know the key by")
        String keyId;

        @Override
        public Integer call() {
            var w = spec.commandLine().getOut();
            try {
                Files.createDirectories(out);
                KeyPair pair = Ed25519KeyFiles.generate();
                Path key = out.resolve("command.key");
                Ed25519KeyFiles.writePrivateKey(pair, key);
                String pub = Ed25519KeyFiles.publicKeyBase64(pair);
                Files.writeString(out.resolve("command.pub"), pub + "\n");
                w.println("private key: " + key + " (owner-only; keep it on the cloud side)");
                w.println("public key:  " + pub);
                w.println();
                w.println("gateway config:");
                w.println("cloud:");
                w.println("  trustedKeys:");
                w.println("    - id: " + keyId);
                w.println("      publicKey: " + pub);
                w.flush();
                return 0;
            } catch (IOException e) {
                spec.commandLine().getErr().println("cannot write the key pair to " + out + ": " + e.getMessage());
                return 1;
            }
        }
    }
}
