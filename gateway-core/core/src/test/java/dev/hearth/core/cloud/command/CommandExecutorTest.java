package dev.hearth.core.cloud.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.cloud.BridgeFixture;
import dev.hearth.driver.api.SystemScheduler;
import dev.hearth.driver.api.value.Value;
import dev.hearth.protocols.cloud.CommandDecoder;
import dev.hearth.protocols.cloud.v1.CommandBody;
import dev.hearth.protocols.cloud.v1.CommandReply;
import dev.hearth.protocols.cloud.v1.CommandReply.Status;
import dev.hearth.protocols.cloud.v1.Property;
import dev.hearth.protocols.cloud.v1.SetPropertiesOp;
import dev.hearth.protocols.cloud.v1.Value.Builder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The path every command takes after its sender was verified: authorization, execution, metrics. */
class CommandExecutorTest {
    private record Measured(VerifiedCommand.Origin origin, String operation, Status status, String reason, Duration latency) { }

    private final SystemScheduler scheduler = new SystemScheduler("test-executor");
    private final List<VerifiedCommand> asked = new CopyOnWriteArrayList<>();
    private final List<String> executed = new CopyOnWriteArrayList<>();
    private final List<Measured> measured = new CopyOnWriteArrayList<>();
    private CommandExecutor executor;

    private CommandExecutor executor(Authorizer authorizer) {
        executor = new CommandExecutor(c -> {
            asked.add(c);
            return authorizer.authorize(c);
        }, (device, command) -> {
            executed.add(device);
            return BridgeFixture.stubDevices(device, command);
        }, HomeOperations.unsupported(), scheduler, Duration.ofSeconds(2),
                (origin, op, status, reason, latency) -> measured.add(new Measured(origin, op, status, reason, latency)), 8,
                new dev.hearth.core.logging.LogPseudonyms(u -> "p_" + u.length()));
        return executor;
    }

    @AfterEach
    void stop() {
        if (executor != null) executor.close();
        scheduler.close();
    }

    private static CommandReply await(java.util.concurrent.CompletionStage<CommandReply> stage) throws Exception {
        return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static CommandBody setLamp() {
        Builder on = dev.hearth.protocols.cloud.v1.Value.newBuilder().setBoolValue(true);
        return CommandBody.newBuilder().setSchemaVersion(CommandDecoder.SCHEMA_VERSION).setRequestId("r1").setUser("u2")
                .setHome("home1").setGateway("gw1").setDevice("lamp")
                .setSetProperties(SetPropertiesOp.newBuilder().addValues(Property.newBuilder().setKey("2.1").setValue(on))).build();
    }

    @Test
    void asksTheAuthorizerAfterVerificationAndCarriesItsReasonWithoutTouchingTheDevice() throws Exception {
        var verified = TestCommands.verifiedWithoutGate(setLamp());
        CommandReply r = await(executor(c -> new Authorization.Denied("needs_operate", "u2 has VIEW on lamp"))
                .submit(VerifiedCommand.Origin.CLOUD, () -> new GateResult.Accepted(verified)).thenApply(CommandExecutor.Outcome::reply));

        assertThat(r.getStatus()).isEqualTo(Status.FORBIDDEN);
        assertThat(r.getReasonCode()).isEqualTo("needs_operate");
        assertThat(r.getRequestId()).isEqualTo("r1");
        assertThat(asked).containsExactly(verified);
        assertThat(executed).isEmpty();
        assertThat(measured).singleElement().satisfies(m -> {
            assertThat(m.operation()).isEqualTo("set_properties");
            assertThat(m.status()).isEqualTo(Status.FORBIDDEN);
            assertThat(m.reason()).isEqualTo("needs_operate");
        });
    }

    @Test
    void measuresARefusalOfTheGateAsAnUnknownOperationAndNeverAsksTheAuthorizer() throws Exception {
        CommandReply r = await(executor(c -> Authorization.allowed()).submit(VerifiedCommand.Origin.CLOUD,
                () -> new GateResult.Refused(Status.REPLAYED, "replayed", "this nonce was already used", "r9"))
                .thenApply(CommandExecutor.Outcome::reply));

        assertThat(r.getStatus()).isEqualTo(Status.REPLAYED);
        assertThat(asked).isEmpty();
        assertThat(measured).singleElement().satisfies(m -> {
            assertThat(m.operation()).isEqualTo("unknown");
            assertThat(m.reason()).isEqualTo("replayed");
        });
    }

    @Test
    void runsALocalApiCommandAsTheOwnerThroughTheSameAuthorizerAndMetrics() throws Exception {
        var local = new LocalCommands(executor(c -> Authorization.allowed()), "home1", "gw1", () -> "u-owner",
                Clock.systemUTC(), Duration.ofSeconds(10));

        CommandReply r = await(local.setProperties("lamp", Map.of("2.1", Value.of(true))));

        assertThat(r.getStatus()).isEqualTo(Status.OK);
        assertThat(r.getItemsList()).extracting(i -> i.getKey()).containsExactly("2.1");
        assertThat(asked).singleElement().satisfies(c -> {
            assertThat(c.origin()).isEqualTo(VerifiedCommand.Origin.LOCAL);
            assertThat(c.user()).isEqualTo("u-owner");
            assertThat(c.body().getGateway()).isEqualTo("gw1");
            assertThat(c.body().getHome()).isEqualTo("home1");
        });
        assertThat(executed).containsExactly("lamp");
        assertThat(measured).singleElement().satisfies(m -> {
            assertThat(m.origin()).isEqualTo(VerifiedCommand.Origin.LOCAL);
            assertThat(m.operation()).isEqualTo("set_properties");
            assertThat(m.status()).isEqualTo(Status.OK);
            assertThat(m.latency()).isPositive();
        });
    }

    @Test
    void refusesALocalApiCommandTheOwnerMayNotRunWithTheAuthorizersReason() throws Exception {
        var local = new LocalCommands(executor(c -> new Authorization.Denied("unknown_target", "device ghost is not in this home")),
                "home1", "gw1", () -> "u-owner", Clock.systemUTC(), Duration.ofSeconds(10));

        CommandReply r = await(local.invokeAction("ghost", "2.1", List.of()));

        assertThat(r.getStatus()).isEqualTo(Status.FORBIDDEN);
        assertThat(r.getReasonCode()).isEqualTo("unknown_target");
        assertThat(r.getMessage()).contains("not in this home");
        assertThat(executed).isEmpty();
    }
}
