package dev.hearth.core.commands;

import dev.hearth.core.privacy.TestPayloads;
import static dev.hearth.core.commands.RouterFixture.LAMP;
import static dev.hearth.core.commands.RouterFixture.OWNER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.access.Decision;
import dev.hearth.core.access.DeviceScope;
import dev.hearth.core.access.Operation;
import dev.hearth.core.cloud.CloudCounters;
import dev.hearth.core.cloud.CommandGateSettings;
import dev.hearth.core.cloud.MessageKind;
import dev.hearth.core.cloud.OutboxLimits;
import dev.hearth.config.TrustedKey;
import dev.hearth.core.cloud.command.Authorization;
import dev.hearth.core.cloud.command.Authorizer;
import dev.hearth.core.cloud.command.CommandExecutor;
import dev.hearth.core.cloud.command.CommandGate;
import dev.hearth.core.cloud.command.CommandMetrics;
import dev.hearth.core.cloud.command.CommandService;
import dev.hearth.protocols.cloud.CommandSigner;
import dev.hearth.core.devices.CommandResult;
import dev.hearth.core.cloud.command.Ed25519KeyFiles;
import dev.hearth.core.cloud.command.HomeOperations;
import dev.hearth.core.cloud.mqtt.InboundCommand;
import dev.hearth.core.cloud.outbox.Outbox;
import dev.hearth.driver.api.CommandOutcome;
import dev.hearth.protocols.cloud.v1.CommandReply;
import dev.hearth.protocols.cloud.v1.CommandReply.Status;
import dev.hearth.protocols.cloud.v1.CreateShareOp;
import dev.hearth.protocols.cloud.v1.ListRoomsOp;
import dev.hearth.protocols.cloud.v1.Privilege;
import dev.hearth.protocols.cloud.v1.Property;
import dev.hearth.protocols.cloud.v1.RespondShareOp;
import dev.hearth.protocols.cloud.v1.RevokeShareOp;
import dev.hearth.protocols.cloud.v1.Scope;
import dev.hearth.protocols.cloud.v1.SetPropertiesOp;
import dev.hearth.protocols.cloud.v1.Value;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Revocation and expiry take effect for the very next command, including one already queued":
 * the command service decides a command when its worker takes it, so a command that waited in the
 * queue behind a slow one is decided after the revocation or expiry that happened meanwhile.
 */
class QueuedCommandAuthorizationTest {
    @TempDir Path dir;
    RouterFixture home;
    KeyPair key;
    CommandSigner signer;
    Outbox outbox;
    CommandService service;
    CommandExecutor executor;
    final List<String> executed = new CopyOnWriteArrayList<>();
    final BlockingQueue<Status> answers = new LinkedBlockingQueue<>();
    final CountDownLatch workerBusy = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() {
        home = new RouterFixture(dir);
        key = Ed25519KeyFiles.generate();
        signer = new CommandSigner("k1", key.getPrivate(), home.clock, new SecureRandom(), Duration.ofMinutes(5));
        var settings = CommandGateSettings.defaults("h1", "gw1", List.of(TrustedKey.ofBase64("k1", Ed25519KeyFiles.publicKeyBase64(key))));
        // As the gateway's authorizer: set_properties needs OPERATE, through the audited policy.
        var gate = new CommandGate(settings, home.db, home.clock);
        Authorizer authorizer = c -> {
            if (!c.body().hasSetProperties()) return Authorization.allowed();
            Decision d = home.access.decide(c.user(), new DeviceScope(c.device()), Operation.SET_PROPERTIES);
            return d.allowed() ? Authorization.allowed() : new Authorization.Denied(d.code().name().toLowerCase(Locale.ROOT), d.reason());
        };
        CloudCounters counters = new CloudCounters() {
            @Override public void delivered(MessageKind kind) { }
            @Override public void dropped(MessageKind kind, DropReason reason) { }
            @Override public void coalesced(MessageKind kind) { }
            @Override public void connectAttempt() { }
            @Override public void connected() { }
            @Override public void connectionLost() { }
            @Override public void commandAnswered(Status status) { answers.add(status); }
            @Override public void commandUnanswerable(Status status) { answers.add(status); }
        };
        outbox = Outbox.open(home.db, OutboxLimits.defaults(), home.clock, counters);
        // list_rooms holds the single command worker until the test releases it.
        HomeOperations slowFirst = c -> {
            if (c.body().hasListRooms()) {
                workerBusy.countDown();
                await(release);
            }
            return home.router.handle(c);
        };
        executor = new CommandExecutor(authorizer, (device, command) -> {
            executed.add(device);
            return CompletableFuture.completedFuture(new CommandResult.Completed(new CommandOutcome(List.of())));
        }, slowFirst, home.scheduler, Duration.ofSeconds(5), CommandMetrics.none(), 16,
                new dev.hearth.core.logging.LogPseudonyms(u -> "p_" + u.length()));
        service = new CommandService(gate, executor, outbox, TestPayloads.replyFilter(), counters);
    }

    @AfterEach
    void stop() {
        release.countDown();
        executor.close();
        outbox.close();
        home.close();
    }

    @Test
    void aQueuedCommandRunsWhenNothingChangedMeanwhile() throws Exception {
        share(0);
        queueBehindSlowCommand();
        release.countDown();
        assertThat(next()).isEqualTo(Status.OK);
        assertThat(next()).isEqualTo(Status.OK);
        assertThat(executed).containsExactly(LAMP);
    }

    @Test
    void aRevocationWhileACommandWaitsRefusesIt() throws Exception {
        String share = share(0);
        queueBehindSlowCommand();
        // Revoked through another path (the local API) while u2's command waits in the queue.
        CommandReply revoked = home.run(OWNER, "", b -> b.setRevokeShare(RevokeShareOp.newBuilder().setShareId(share)));
        assertThat(revoked.getStatus()).isEqualTo(Status.OK);
        release.countDown();
        assertThat(next()).isEqualTo(Status.OK);
        assertThat(next()).isEqualTo(Status.FORBIDDEN);
        assertThat(executed).isEmpty();
    }

    @Test
    void anExpiryWhileACommandWaitsRefusesIt() throws Exception {
        share(home.clock.millis() + Duration.ofMinutes(1).toMillis());
        queueBehindSlowCommand();
        home.clock.advance(Duration.ofMinutes(1));
        release.countDown();
        assertThat(next()).isEqualTo(Status.OK);
        assertThat(next()).isEqualTo(Status.FORBIDDEN);
        assertThat(executed).isEmpty();
    }

    /** The owner shares the lamp with u2 as OPERATE and u2 accepts; returns the share id. */
    private String share(long expiresAtMs) {
        CommandReply offered = home.run(OWNER, "", b -> b.setCreateShare(CreateShareOp.newBuilder()
                .setScope(Scope.newBuilder().setDevice(LAMP)).setGrantee("u2").setPrivilege(Privilege.OPERATE).setExpiresAtMs(expiresAtMs)));
        String id = RouterFixture.data(offered).path("id").asText();
        assertThat(home.run("u2", "", b -> b.setRespondShare(RespondShareOp.newBuilder().setShareId(id).setAccept(true))).getStatus())
                .isEqualTo(Status.OK);
        return id;
    }

    /** The owner's slow command takes the worker; u2's lamp command then waits in the queue. */
    private void queueBehindSlowCommand() throws InterruptedException {
        service.accept(inbound(signer.newBody(OWNER, "h1", "gw1", "").setListRooms(ListRoomsOp.getDefaultInstance()).build()));
        assertThat(workerBusy.await(5, TimeUnit.SECONDS)).as("the worker took the slow command").isTrue();
        service.accept(inbound(signer.newBody("u2", "h1", "gw1", LAMP).setSetProperties(SetPropertiesOp.newBuilder()
                .addValues(Property.newBuilder().setKey("2.1").setValue(Value.newBuilder().setBoolValue(true)))).build()));
        assertThat(answers).as("u2's command is still waiting").isEmpty();
    }

    private InboundCommand inbound(dev.hearth.protocols.cloud.v1.CommandBody body) {
        return new InboundCommand(signer.sign(body).toByteArray(), Optional.of("replies/test"), Optional.of(new byte[] {1}));
    }

    private Status next() throws InterruptedException {
        Status s = answers.poll(5, TimeUnit.SECONDS);
        assertThat(s).as("a reply within 5 s").isNotNull();
        return s;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
