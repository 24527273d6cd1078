package dev.hearth.core.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.core.cloud.CloudSubscriber;
import dev.hearth.testkit.MosquittoBroker;
import dev.hearth.core.cloud.TcpProxy;
import dev.hearth.core.cloud.command.CommandClient;
import dev.hearth.protocols.cloud.CommandSigner;
import dev.hearth.core.cloud.command.Ed25519KeyFiles;
import dev.hearth.testkit.Conditions;
import dev.hearth.driver.api.value.Value;
import dev.hearth.protocols.cloud.v1.Availability;
import dev.hearth.protocols.cloud.v1.CommandReply;
import dev.hearth.protocols.cloud.v1.GatewayStatus;
import dev.hearth.protocols.cloud.v1.Property;
import dev.hearth.protocols.cloud.v1.SetPropertiesOp;
import dev.hearth.protocols.cloud.v1.SignedCommand;
import dev.hearth.simulator.nativedev.DeviceKind;
import dev.hearth.simulator.nativedev.NativeFleet;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole gateway ({@code GatewayAssembly}) with three simulated native devices, its cloud
 * section pointing at a real Mosquitto (through a TCP proxy that can cut the link): birth,
 * retained availability and state, a signed command down to the lamp, the will on an abrupt cut
 * and re-publication after the reconnect, and a clean stop.
 */
class GatewayCloudIT {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir Path dir;

    @Test
    void announcesDevicesObeysSignedCommandsLeavesAWillWhenCutAndSaysGoodbyeWhenStopped() throws Exception {
        KeyPair key = Ed25519KeyFiles.generate();
        InetAddress lo = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        NativeFleet.Spec spec = NativeFleet.Spec.of(3, lo).withKinds(List.of(DeviceKind.LAMP, DeviceKind.PLUG, DeviceKind.SENSOR))
                .withTimings(Duration.ofSeconds(1), Duration.ofMillis(500));
        String trusted = "  trustedKeys:\n    - { id: ops, publicKey: \"" + Ed25519KeyFiles.publicKeyBase64(key) + "\" }\n";
        try (var broker = MosquittoBroker.start(); var proxy = new TcpProxy(broker.port());
             var live = new CloudSubscriber(broker.uri(), CloudGateway.TOPICS.all());
             var gw = CloudGateway.start(dir, spec, proxy.uri(), trusted)) {
            List<String> devices = gw.fleet.ids();
            String lamp = devices.get(0);

            // Birth, then every device ONLINE with its state.
            Conditions.await("status ONLINE", WAIT, () -> statusIs(live.received(), GatewayStatus.State.ONLINE), live::describe);
            Conditions.await("every device ONLINE with a state", WAIT, () -> devices.stream().allMatch(d ->
                    onlineWithState(live.received(), d)), live::describe);
            long firstSession = CloudMessages.lastStatus(live.received()).orElseThrow().getSession();

            // Retained: a subscriber that comes later gets status, availability and state at once.
            try (var late = new CloudSubscriber(broker.uri(), CloudGateway.TOPICS.all())) {
                Conditions.await("retained status, availability and state", WAIT, () -> statusIs(late.received(), GatewayStatus.State.ONLINE)
                        && devices.stream().allMatch(d -> onlineWithState(late.received(), d)), late::describe);
                assertThat(late.matching(r -> r.topic().equals(CloudGateway.TOPICS.status()))).allMatch(CloudSubscriber.Received::retained);
                for (String d : devices) {
                    assertThat(late.matching(r -> r.topic().equals(CloudGateway.TOPICS.availability(d))).get(0).retained()).isTrue();
                    assertThat(late.matching(r -> r.topic().equals(CloudGateway.TOPICS.state(d))).get(0).retained()).isTrue();
                }
                assertThat(CloudMessages.property(CloudMessages.lastState(late.received(), lamp).orElseThrow(), "2.1"))
                        .contains(dev.hearth.protocols.cloud.v1.Value.newBuilder().setBoolValue(false).build());
            }

            // A signed command, as hearth ctl sends it: the owner turns the lamp on; a stranger may not.
            var signer = new CommandSigner("ops", key.getPrivate(), Clock.systemUTC(), new SecureRandom(), Duration.ofSeconds(60));
            try (var client = CommandClient.connect(broker.uri(), Optional.empty(), CloudGateway.TOPICS, Duration.ofSeconds(10))) {
                CommandReply on = client.send(setPower(signer, CloudGateway.OWNER, lamp, true)).get(10, TimeUnit.SECONDS);
                assertThat(on.getStatus()).as(on.toString()).isEqualTo(CommandReply.Status.OK);
                assertThat(gw.fleet.device(lamp).property("2.1")).contains(Value.of(true));
                Conditions.await("the lamp's new state in the cloud", WAIT, () -> CloudMessages.lastState(live.received(), lamp)
                        .flatMap(s -> CloudMessages.property(s, "2.1")).map(v -> v.getBoolValue()).orElse(false), live::describe);

                CommandReply stranger = client.send(setPower(signer, "stranger", lamp, false)).get(10, TimeUnit.SECONDS);
                assertThat(stranger.getStatus()).isEqualTo(CommandReply.Status.FORBIDDEN);
                assertThat(gw.fleet.device(lamp).property("2.1")).contains(Value.of(true));

                // Changes in quick succession: the retained state goes up on a device's first change
                // and then once per window with the latest values, so it must end at the last one.
                for (boolean v : new boolean[] {false, true, false}) {
                    assertThat(client.send(setPower(signer, CloudGateway.OWNER, lamp, v)).get(10, TimeUnit.SECONDS).getStatus())
                            .isEqualTo(CommandReply.Status.OK);
                }
                Conditions.await("the lamp's last state (off) in the cloud", WAIT, () -> CloudMessages.lastState(live.received(), lamp)
                        .flatMap(s -> CloudMessages.property(s, "2.1")).map(v -> !v.getBoolValue()).orElse(false), live::describe);
                assertThat(client.send(setPower(signer, CloudGateway.OWNER, lamp, true)).get(10, TimeUnit.SECONDS).getStatus())
                        .isEqualTo(CommandReply.Status.OK);
                Conditions.await("the lamp's state (on) in the cloud again", WAIT, () -> CloudMessages.lastState(live.received(), lamp)
                        .flatMap(s -> CloudMessages.property(s, "2.1")).map(v -> v.getBoolValue()).orElse(false), live::describe);
            }

            // An abrupt cut: the broker publishes the will; after the reconnect, birth and every
            // device's availability and state are published again.
            int mark = live.received().size();
            proxy.reset();
            Conditions.await("the will (status OFFLINE) after the cut", WAIT,
                    () -> since(live, mark).stream().anyMatch(r -> CloudMessages.status(r).map(st -> st.getState() == GatewayStatus.State.OFFLINE)
                            .orElse(false)), live::describe);
            int willAt = indexOfStatus(live.received(), mark, GatewayStatus.State.OFFLINE);
            Conditions.await("birth and every device re-published after the reconnect", WAIT, () -> {
                List<CloudSubscriber.Received> after = since(live, willAt + 1);
                return statusIs(after, GatewayStatus.State.ONLINE) && devices.stream().allMatch(d -> onlineWithState(after, d));
            }, live::describe);
            assertThat(CloudMessages.lastStatus(live.received()).orElseThrow().getSession()).isGreaterThan(firstSession);

            // A clean stop: every device OFFLINE GATEWAY_STOPPING and the status OFFLINE, all retained.
            gw.stopGateway();
            try (var late = new CloudSubscriber(broker.uri(), CloudGateway.TOPICS.all())) {
                Conditions.await("retained OFFLINE status and GATEWAY_STOPPING availability", WAIT, () ->
                        statusIs(late.received(), GatewayStatus.State.OFFLINE) && devices.stream().allMatch(d ->
                                CloudMessages.lastAvailability(late.received(), d)
                                        .map(a -> a.getStatus() == Availability.Status.OFFLINE && a.getReason().equals("GATEWAY_STOPPING"))
                                        .orElse(false)), late::describe);
                assertThat(late.received()).allMatch(CloudSubscriber.Received::retained);
            }
        }
    }

    private static SignedCommand setPower(CommandSigner signer, String user, String device, boolean on) {
        return signer.sign(signer.newBody(user, CloudGateway.HOME, CloudGateway.GATEWAY, device).setSetProperties(SetPropertiesOp.newBuilder()
                .addValues(Property.newBuilder().setKey("2.1").setValue(dev.hearth.protocols.cloud.v1.Value.newBuilder().setBoolValue(on))))
                .build());
    }

    private static boolean statusIs(List<CloudSubscriber.Received> received, GatewayStatus.State state) {
        return CloudMessages.lastStatus(received).map(s -> s.getState() == state).orElse(false);
    }

    private static boolean onlineWithState(List<CloudSubscriber.Received> received, String device) {
        return CloudMessages.lastAvailability(received, device).map(a -> a.getStatus() == Availability.Status.ONLINE).orElse(false)
                && CloudMessages.lastState(received, device).map(s -> s.getPropertiesCount() > 0).orElse(false);
    }

    private static List<CloudSubscriber.Received> since(CloudSubscriber sub, int from) {
        List<CloudSubscriber.Received> all = sub.received();
        return all.subList(Math.min(from, all.size()), all.size());
    }

    private static int indexOfStatus(List<CloudSubscriber.Received> received, int from, GatewayStatus.State state) {
        for (int i = from; i < received.size(); i++) {
            if (CloudMessages.status(received.get(i)).map(s -> s.getState() == state).orElse(false)) return i;
        }
        throw new AssertionError("no status " + state + " after message " + from);
    }
}
