package dev.hearth.tools.ctl;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.common.MqttException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ctl watch}: every message under the gateway's topics, decoded to JSON, one line each. */
@Command(name = "watch", mixinStandardHelpOptions = true, description = "Print every message the gateway publishes, as JSON, one per line.")
final class WatchCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CtlOptions options;

    @Option(names = "--count", description = "exit after this many messages (default: run until interrupted)")
    Integer count;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        var done = new CountDownLatch(1);
        var seen = new AtomicInteger();
        try (var session = new CloudSession(options, options.topics().all(), (topic, m) -> {
            synchronized (out) {
                out.println(CloudJson.line(topic, m));
                out.flush();
            }
            if (count != null && seen.incrementAndGet() >= count) done.countDown();
        })) {
            if (count == null) done.await();
            else if (!done.await(options.timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                spec.commandLine().getErr().println("only " + seen.get() + " of " + count + " messages within " + options.timeout.toMillis() + " ms");
                return 3;
            }
            return 0;
        } catch (MqttException e) {
            spec.commandLine().getErr().println("cannot watch " + options.broker + ": " + e.getMessage());
            return 2;
        }
    }
}
