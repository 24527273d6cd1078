package dev.hearth.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testkit.FreePort;
import dev.hearth.testkit.Conditions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;

/**
 * {@code hearth demo} as a user runs it: a separate process that makes its own network namespace
 * (nested inside the test suite's), tells its story, and answers on the host side through the
 * relays: the web API, the metrics and the broker with retained state. Then it stops by itself.
 */
class DemoIT {
    private static final Pattern TOKEN = Pattern.compile("#token=([0-9a-f]+)");

    @Test
    void tellsTheStoryAndServesTheApiAndTheBrokerOnTheHostUntilItsDurationEnds() throws Exception {
        int httpPort = FreePort.pick();
        int brokerPort = FreePort.pick();
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process demo = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), HearthCli.class.getName(),
                "demo", "--duration", "40", "--http-port", Integer.toString(httpPort), "--broker-port", Integer.toString(brokerPort))
                .redirectErrorStream(true).start();
        StringBuffer output = new StringBuffer();
        Thread reader = collect(demo, output);
        try {
            Conditions.await("the demo to be ready", Duration.ofSeconds(60), () -> output.toString().contains("web page"), output::toString);
            Matcher token = TOKEN.matcher(output);
            assertThat(token.find()).as(output.toString()).isTrue();

            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("hearth_commands_total").contains("result=\"forbidden\"");

            HttpResponse<String> devices = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/v1/devices"))
                    .header("Authorization", "Bearer " + token.group(1)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(devices.statusCode()).isEqualTo(200);
            assertThat(devices.body()).contains("native-lamp-001", "native-vacuum-006", "\"protocol\":\"miio\"",
                    "Living-room lamp", "Bedside heater plug");

            HttpResponse<String> noToken = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/v1/devices"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(noToken.statusCode()).isEqualTo(401);

            Map<String, Boolean> retainedStates = retainedStates(brokerPort);
            assertThat(retainedStates).hasSize(8).containsKey("hearth/v1/demo-home/demo-gw/devices/native-vacuum-006/state");

            assertThat(demo.waitFor(90, TimeUnit.SECONDS)).as("the demo stops after --duration").isTrue();
            reader.join(5000);
            assertThat(demo.exitValue()).as(output.toString()).isZero();
        } finally {
            if (demo.isAlive()) demo.destroyForcibly();
        }
        assertThat(output.toString()).contains(
                "private network namespace (unshare --net",
                "1/6 stand-in cloud: embedded MQTT 5 broker on 127.0.0.1:" + brokerPort,
                "2/6 simulated devices of both protocols, announced by mDNS",
                "found    native-lamp-001",
                "by mDNS; adopting it (token from the secrets file)",
                "all 8 devices online",
                "bob accepts: ACCEPTED",
                "Robot vacuum -> cloud (retained .../devices/native-vacuum-006/state): state=",
                "kept in the home (personal): wifi_ssid, ip, position, location",
                "the cloud received event unlocked {method=\"fingerprint\"}: the user is personal and stayed home",
                "Bedroom lamp       brightness=30   -> OK",
                "Living-room lamp   on=false        -> FORBIDDEN",
                "http://127.0.0.1:" + httpPort + "/#token=",
                "the story went as expected");
        assertThat(output.toString()).doesNotContain("Exception").doesNotContain(" INFO ");
    }

    /** Subscribes like a cloud consumer that arrives late: every device's state is there, retained. */
    private static Map<String, Boolean> retainedStates(int brokerPort) throws MqttException {
        Map<String, Boolean> retained = new ConcurrentHashMap<>();
        var client = new MqttAsyncClient("tcp://127.0.0.1:" + brokerPort, "demo-it-" + brokerPort, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override public void messageArrived(String topic, MqttMessage m) { if (m.isRetained()) retained.put(topic, true); }
            @Override public void disconnected(MqttDisconnectResponse r) { }
            @Override public void mqttErrorOccurred(MqttException e) { }
            @Override public void deliveryComplete(IMqttToken t) { }
            @Override public void connectComplete(boolean reconnect, String uri) { }
            @Override public void authPacketArrived(int code, MqttProperties p) { }
        });
        try {
            var o = new MqttConnectionOptions();
            o.setCleanStart(true);
            client.connect(o).waitForCompletion(10_000);
            client.subscribe("hearth/v1/demo-home/demo-gw/devices/+/state", 1).waitForCompletion(10_000);
            Conditions.await("8 retained device states", Duration.ofSeconds(10), () -> retained.size() >= 8, retained::keySet);
            return Map.copyOf(retained);
        } finally {
            if (client.isConnected()) client.disconnect().waitForCompletion(2000);
            client.close(true);
        }
    }

    private static Thread collect(Process p, StringBuffer into) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) into.append(line).append('\n');
            } catch (IOException e) {
                into.append("(output ended: ").append(e.getMessage()).append(")\n");
            }
        }, "demo-output");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
