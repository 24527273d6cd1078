package dev.hearth.core.cli.ctl;

import dev.hearth.core.cloud.command.CommandClient;
import dev.hearth.core.cloud.command.CommandSigner;
import dev.hearth.core.cloud.command.Ed25519KeyFiles;
import dev.hearth.protocols.cloud.v1.CommandBody;
import dev.hearth.protocols.cloud.v1.CommandReply;
import dev.hearth.protocols.cloud.v1.ItemResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.eclipse.paho.mqttv5.common.MqttException;
import picocli.CommandLine.Model.CommandSpec;

/** Signs a command body, sends it, waits for the reply and prints it; the exit code says how it went. */
final class SignedRequest {
    private SignedRequest() {
    }

    /** 0: OK; 1: refused or failed (the reason is printed); 2: cannot send; 3: no reply in time. */
    static int run(CommandSpec spec, CtlOptions o, String user, String device, UnaryOperator<CommandBody.Builder> operation) {
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
        CommandBody body = operation.apply(signer.newBody(user, o.home, device)).build();
        try (CommandClient client = CommandClient.connect(o.broker, o.tls(), o.topics(), o.timeout)) {
            CommandReply reply = client.send(signer.sign(body)).get(o.timeout.toMillis(), TimeUnit.MILLISECONDS);
            PrintWriter out = spec.commandLine().getOut();
            if (reply.getStatus() == CommandReply.Status.OK) {
                out.println("OK " + body.getRequestId());
                for (ItemResult i : reply.getItemsList()) out.println("  " + i.getKey() + " code=" + i.getCode() + (i.getMessage().isEmpty() ? "" : " " + i.getMessage()));
                out.flush();
                return 0;
            }
            err.println(reply.getStatus() + " " + reply.getReasonCode() + (reply.getMessage().isEmpty() ? "" : ": " + reply.getMessage()));
            for (ItemResult i : reply.getItemsList()) err.println("  " + i.getKey() + " code=" + i.getCode() + " " + i.getMessage());
            return 1;
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
}
