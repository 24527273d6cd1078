package dev.hearth.driver.nativeproto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.driver.api.CommandFailure;
import dev.hearth.driver.api.CommandOutcome;
import dev.hearth.driver.api.DeviceCommand;
import dev.hearth.driver.api.value.Value;
import dev.hearth.protocols.lan.v1.Command;
import dev.hearth.protocols.lan.v1.CommandResult;
import dev.hearth.protocols.lan.v1.ItemResult;
import dev.hearth.protocols.lan.v1.LanMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class CommandsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private static DeviceCommand brightness(Value v) {
        return new DeviceCommand.SetProperties(Map.of("2.2", v));
    }

    @Test
    void aResultIsMatchedToItsCommandById() {
        SessionHarness h = new SessionHarness();
        h.online();
        CompletableFuture<CommandOutcome> first = h.session.execute(brightness(Value.of(80L)), TIMEOUT).toCompletableFuture();
        CompletableFuture<CommandOutcome> second = h.session.execute(
                new DeviceCommand.InvokeAction("2.1", List.of()), TIMEOUT).toCompletableFuture();
        Command c1 = h.gatewaySent().orElseThrow().getCommand();
        Command c2 = h.gatewaySent().orElseThrow().getCommand();
        assertThat(c1.getSetProperties().getValues(0).getValue().getIntValue()).isEqualTo(80);
        assertThat(c2.getInvokeAction().getAiid()).isEqualTo(1);
        assertThat(c1.getId()).isNotEqualTo(c2.getId());

        h.deviceSends(result(c2.getId(), 2, 1, 0));
        h.deviceSends(result(c1.getId(), 2, 2, 0));

        assertThat(first).isCompletedWithValueMatching(o -> o.succeeded() && o.items().get(0).key().equals("2.2"));
        assertThat(second).isCompletedWithValueMatching(o -> o.items().get(0).key().equals("2.1"));
    }

    @Test
    void aDeviceErrorIsAnOutcomeNotAFailure() {
        SessionHarness h = new SessionHarness();
        h.online();
        CompletableFuture<CommandOutcome> r = h.session.execute(brightness(Value.of(80L)), TIMEOUT).toCompletableFuture();
        h.deviceSends(result(h.gatewaySent().orElseThrow().getCommand().getId(), 2, 2, -4005));
        assertThat(r).isCompletedWithValueMatching(o -> !o.succeeded() && o.items().get(0).code() == -4005);
    }

    @Test
    void noAnswerFailsWithDeviceTimeoutAtTheTimeout() {
        SessionHarness h = new SessionHarness();
        h.online();
        CompletableFuture<CommandOutcome> r = h.session.execute(brightness(Value.of(80L)), Duration.ofMillis(500)).toCompletableFuture();
        h.advance(Duration.ofMillis(499));
        assertThat(r).isNotDone();
        h.advance(Duration.ofMillis(1));
        assertThat(failure(r).code()).isEqualTo(CommandFailure.Code.DEVICE_TIMEOUT);
    }

    @Test
    void tooManyCommandsInFlightAreBusy() {
        SessionHarness h = new SessionHarness(Map.of("native.maxInFlight", "2"));
        h.online();
        h.session.execute(brightness(Value.of(10L)), TIMEOUT);
        h.session.execute(brightness(Value.of(20L)), TIMEOUT);
        CompletableFuture<CommandOutcome> third = h.session.execute(brightness(Value.of(30L)), TIMEOUT).toCompletableFuture();
        assertThat(failure(third).code()).isEqualTo(CommandFailure.Code.BUSY);
    }

    @Test
    void commandsThatDoNotFitTheModelAreInvalidAndNeverSent() {
        SessionHarness h = new SessionHarness();
        h.online();
        assertThat(invalid(h, brightness(Value.of(150L)))).contains("outside [1, 100]");
        assertThat(invalid(h, brightness(Value.of("bright")))).contains("expected int");
        assertThat(invalid(h, new DeviceCommand.SetProperties(Map.of("9.9", Value.of(1L))))).contains("unknown property 9.9");
        assertThat(invalid(h, new DeviceCommand.SetProperties(Map.of("1.3", Value.of("2.0"))))).contains("read-only");
        assertThat(invalid(h, new DeviceCommand.InvokeAction("2.7", List.of()))).contains("unknown action");
        assertThat(invalid(h, new DeviceCommand.InvokeAction("2.1", List.of(Value.of(1L))))).contains("takes 0 argument");
        assertThat(h.gatewaySent()).isEmpty();
    }

    @Test
    void anOfflineDeviceFailsCommandsAtOnceAndPendingOnesWhenTheLinkDrops() {
        SessionHarness h = new SessionHarness();
        assertThat(failure(h.session.execute(brightness(Value.of(10L)), TIMEOUT)).code()).isEqualTo(CommandFailure.Code.DEVICE_OFFLINE);
        h.online();
        CompletableFuture<CommandOutcome> pending = h.session.execute(brightness(Value.of(10L)), TIMEOUT).toCompletableFuture();
        h.channel().close();
        assertThat(failure(pending).code()).isEqualTo(CommandFailure.Code.DEVICE_OFFLINE);
    }

    private static String invalid(SessionHarness h, DeviceCommand command) {
        CommandFailure f = failure(h.session.execute(command, TIMEOUT));
        assertThat(f.code()).isEqualTo(CommandFailure.Code.INVALID_ARGUMENT);
        return f.getMessage();
    }

    private static CommandFailure failure(CompletionStage<CommandOutcome> stage) {
        CompletableFuture<CommandOutcome> f = stage.toCompletableFuture();
        assertThat(f).isCompletedExceptionally();
        return (CommandFailure) f.handle((ok, e) -> e).join();
    }

    private static LanMessage result(long id, int siid, int iid, int code) {
        return LanMessage.newBuilder().setCommandResult(CommandResult.newBuilder().setId(id)
                .addItems(ItemResult.newBuilder().setSiid(siid).setIid(iid).setCode(code))).build();
    }
}
