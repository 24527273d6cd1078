package dev.hearth.bench.cloud;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** The baseline: a requester and an echo client, bare Paho v5, QoS 1, response topic + correlation data. */
final class EchoRoundTrip implements AutoCloseable {
    private final MqttAsyncClient responder;
    private final MqttAsyncClient requester;
    private final Map<ByteBuffer, Long> sent = new ConcurrentHashMap<>();
    private final int size;
    private volatile long[] sink;
    private volatile CountDownLatch done;
    private final AtomicInteger slot = new AtomicInteger();

    EchoRoundTrip(String uri, int size) throws Exception {
        this.size = size;
        responder = BenchClients.connect(uri, "echo-responder", (t, m) -> {
            try {
                var p = new MqttProperties();
                p.setCorrelationData(m.getProperties().getCorrelationData());
                responderPublish(m.getProperties().getResponseTopic(), new MqttMessage(m.getPayload(), 1, false, p));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        responder.subscribe("bench/echo/req", 1).waitForCompletion(10_000);
        requester = BenchClients.connect(uri, "echo-requester", (t, m) -> {
            Long t0 = sent.remove(ByteBuffer.wrap(m.getProperties().getCorrelationData()));
            if (t0 == null) return;
            sink[slot.getAndIncrement()] = System.nanoTime() - t0;
            done.countDown();
        });
        requester.subscribe("bench/echo/reply", 1).waitForCompletion(10_000);
    }

    private void responderPublish(String topic, MqttMessage m) throws Exception {
        responder.publish(topic, m);
    }

    long[] measure(int rate, int count) throws Exception {
        sink = new long[count];
        slot.set(0);
        done = new CountDownLatch(count);
        var next = new AtomicInteger();
        byte[] payload = new byte[size];
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        timer.scheduleAtFixedRate(() -> {
            int i = next.getAndIncrement();
            if (i >= count) return;
            byte[] corr = ByteBuffer.allocate(8).putLong(System.nanoTime() ^ i).array();
            var p = new MqttProperties();
            p.setResponseTopic("bench/echo/reply");
            p.setCorrelationData(corr);
            sent.put(ByteBuffer.wrap(corr), System.nanoTime());
            try {
                requester.publish("bench/echo/req", new MqttMessage(payload, 1, false, p));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
        if (!done.await(count / rate + 30, TimeUnit.SECONDS)) throw new IllegalStateException("echo replies missing");
        timer.shutdown();
        long[] out = sink.clone();
        Arrays.sort(out);
        return out;
    }

    @Override
    public void close() {
        BenchClients.close(requester);
        BenchClients.close(responder);
    }
}
