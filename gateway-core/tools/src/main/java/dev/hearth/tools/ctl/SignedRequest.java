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
    private final CommandSigner signer;
    private final CommandClient client;

    private SignedRequest(CommandSpec spec, CtlOptions options, CommandSigner signer, CommandClient client) {
        this.spec = spec;
        this.options = options;
        this.signer = signer;
        this.client = client;
    }

    /** Sends one command and prints its reply. */
    static int run(CommandSpec spec, CtlOptions o, String user, String device, UnaryOperator<CommandBody.Builder> operation) {
        return converse(spec, o, r -> r.print(r.send(user, device, operation)));
    }

    /** Connects, signs as {@code o}'s key, and runs {@code conversation}; prints why when it cannot. */
    static int converse(CommandSpec spec, CtlOptions o, Conversation conversation) {
        PrintWriter err = spec.commandLine().getErr();
        if (o.key == null) {
            err.println("--key is required to sign commands (create one with `hearth ctl keys init`)");
            return 2;
        }
        CommandSigner signer;
        try {
            signer = new CommandSigner(o.keyId, Ed25519KeyFiles.readPrivateKey(o.key), Clock.systemUTC(), new SecureRandom(), Duration.ofSeconds(60));
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

    /** Signs and sends one command for {@code user}, and waits for its reply. */
    CommandReply send(String user, String device, UnaryOperator<CommandBody.Builder> operation)
            throws MqttException, ExecutionException, TimeoutException, InterruptedException {
        CommandBody body = operation.apply(signer.newBody(user, options.home, options.gateway, device)
                .setReplyTopic(client.responseTopic())).build();
        return client.send(signer.sign(body)).get(options.timeout.toMillis(), TimeUnit.MILLISECONDS);
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
