package dev.hearth.tools.ctl;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.core.cloud.command.CommandClient;
import dev.hearth.protocols.cloud.CommandSigner;
import dev.hearth.core.cloud.command.Ed25519KeyFiles;
import dev.hearth.protocols.cloud.v1.CommandBody;
import dev.hearth.protocols.cloud.v1.CommandReply;
import dev.hearth.protocols.cloud.v1.ItemResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.eclipse.paho.mqttv5.common.MqttException;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Signs command bodies, sends them, waits for the replies and prints them; the exit code says how
 * it went: 0 OK; 1 refused or failed (the status, reason code and reason are printed); 2 cannot
 * send; 3 no reply in time.
 */
final class SignedRequest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What to do over one connection: send one or more commands, return the exit code. */
    @FunctionalInterface
    interface Conversation {
        int talk(SignedRequest request) throws MqttException, ExecutionException, TimeoutException, InterruptedException;
    }

    private final CommandSpec spec;
    private final CtlOptions options;
    private final java.util.Optional<CommandSigner> signer;
    private final CommandClient client;
    private final SecureRandom random = new SecureRandom();
    /** The last counter this run signed with: a second command in the same millisecond still gets a new one. */
    private long lastCounter;

    private SignedRequest(CommandSpec spec, CtlOptions options, java.util.Optional<CommandSigner> signer, CommandClient client) {
        this.spec = spec;
        this.options = options;
        this.signer = signer;
        this.client = client;
    }

    /** Sends one command and prints its reply. */
    static int run(CommandSpec spec, CtlOptions o, String user, String device, UnaryOperator<CommandBody.Builder> operation) {
        if (o.key == null) {
            // nothing can sign: say so before reaching for the broker
            PrintWriter err = spec.commandLine().getErr();
            try {
                if (UserKeyFiles.read(o.usersDir(), user, o.home, o.gateway).isEmpty()) {
                    err.println("--key is required to sign commands for " + user + " (no " + user + ".key in " + o.usersDir()
                            + "; create one with `hearth ctl user init` or `hearth ctl keys init`)");
                    return 2;
                }
            } catch (IOException e) {
                err.println("cannot read " + user + "'s key: " + e.getMessage());
                return 2;
            }
        }
        return converse(spec, o, r -> r.print(r.send(user, device, operation)));
    }

    /** Connects, signs as {@code o}'s key, and runs {@code conversation}; prints why when it cannot. */
    static int converse(CommandSpec spec, CtlOptions o, Conversation conversation) {
        PrintWriter err = spec.commandLine().getErr();
        // without --key only users' own keys sign (home.trust: users); with it the cloud key signs for users without one
        java.util.Optional<CommandSigner> signer = java.util.Optional.empty();
        try {
            if (o.key != null) {
                signer = java.util.Optional.of(new CommandSigner(o.keyId, Ed25519KeyFiles.readPrivateKey(o.key), Clock.systemUTC(),
                        new SecureRandom(), Duration.ofSeconds(60)));
            }
        } catch (IOException | IllegalArgumentException e) {
            err.println("cannot read the signing key: " + e.getMessage());
            return 2;
        }
        try (CommandClient client = CommandClient.connect(o.broker, o.tls(), o.topics(), o.timeout)) {
            return conversation.talk(new SignedRequest(spec, o, signer, client));
        } catch (TimeoutException e) {
            err.println("no reply from gateway " + o.gateway + " within " + o.timeout.toMillis() + " ms");
            return 3;
        } catch (MqttException | ExecutionException e) {
            err.println("cannot send the command through " + o.broker + ": " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }

    /**
     * Signs and sends one command for {@code user}, and waits for its reply: with {@code user}'s own
     * key when this machine holds {@code USER.key} in the users directory (a user-signed command,
     * its counter the current time in ms, so it increases from one run to the next), else with the
     * cloud key for the user id {@code user}.
     */
    CommandReply send(String user, String device, UnaryOperator<CommandBody.Builder> operation)
            throws MqttException, ExecutionException, TimeoutException, InterruptedException {
        java.util.Optional<dev.hearth.core.trust.UserSigner> own = own(user);
        if (own.isPresent()) {
            lastCounter = Math.max(System.currentTimeMillis(), lastCounter + 1);
            CommandBody body = operation.apply(own.get().commandBody(device, lastCounter, java.time.Instant.now(),
                    Duration.ofSeconds(30), random).setReplyTopic(client.responseTopic())).build();
            return client.send(own.get().sign(body)).get(options.timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        if (signer.isEmpty()) throw new ExecutionException("no key for " + user + " in " + options.usersDir()
                + " and no --key (create one with `hearth ctl user init` or `hearth ctl keys init`)", null);
        CommandBody body = operation.apply(signer.get().newBody(user, options.home, options.gateway, device)
                .setReplyTopic(client.responseTopic())).build();
        return client.send(signer.get().sign(body)).get(options.timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** {@code user}'s own key for this home and gateway, when this machine holds {@code USER.key}. */
    java.util.Optional<dev.hearth.core.trust.UserSigner> own(String user) throws ExecutionException {
        try {
            return UserKeyFiles.read(options.usersDir(), user, options.home, options.gateway);
        } catch (IOException e) {
            throw new ExecutionException("cannot read " + user + "'s key: " + e.getMessage(), e);
        }
    }

    CtlOptions options() {
        return options;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Prints the reply (OK, its items and its data as JSON; or the refusal on stderr) and returns the exit code. */
    int print(CommandReply reply) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (reply.getStatus() == CommandReply.Status.OK) {
            out.println("OK " + reply.getRequestId());
            for (ItemResult i : reply.getItemsList()) out.println("  " + i.getKey() + " code=" + i.getCode() + (i.getMessage().isEmpty() ? "" : " " + i.getMessage()));
            if (!reply.getData().isEmpty()) out.println(data(reply));
            out.flush();
            return 0;
        }
        err.println(reply.getStatus() + " " + reply.getReasonCode() + (reply.getMessage().isEmpty() ? "" : ": " + reply.getMessage()));
        for (ItemResult i : reply.getItemsList()) err.println("  " + i.getKey() + " code=" + i.getCode() + " " + i.getMessage());
        err.flush();
        return 1;
    }

    private static String data(CommandReply reply) {
        byte[] bytes = reply.getData().toByteArray();
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(bytes));
        } catch (IOException e) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
